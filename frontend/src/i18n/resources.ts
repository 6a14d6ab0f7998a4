// The translation resources: the base files (id.json, en.json) hold only the
// strings every screen shares (SHARED_NAMESPACES); each feature folder has a
// pair of files, src/features/<feature>/i18n/<name>.id.json and .en.json,
// with the top-level namespaces of that feature (for example
// {"planner": {…}}), so features add their strings without touching each
// other's files. Each language is built by its own module (lang-id.ts,
// lang-en.ts) so the app loads only the language shown (i18n/index.ts); this
// module, with both, is for the tests.
import en from './lang-en';
import id from './lang-id';

export type { Tree } from './tree';

/** The namespaces of the base files; a feature's strings go to its own files. */
export const SHARED_NAMESPACES = ['app', 'common', 'errors', 'enum', 'shell', 'nav', 'field', 'export'] as const;

export const featureFiles = import.meta.glob<{ default: import('./tree').Tree }>('../features/*/i18n/*.json', { eager: true });

export const resources = { id, en };
