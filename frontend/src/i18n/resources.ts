// The translation resources: the base files (id.json, en.json) hold only the
// strings every screen shares (SHARED_NAMESPACES); each feature folder has a
// pair of files, src/features/<feature>/i18n/<name>.id.json and .en.json,
// with the top-level namespaces of that feature (for example
// {"planner": {…}}), so features add their strings without touching each
// other's files.
import en from './en.json';
import id from './id.json';

export type Tree = { [k: string]: string | Tree };

function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (typeof v === 'object' && typeof cur === 'object') merge(cur, v);
    else into[k] = v;
  }
  return into;
}

/** The namespaces of the base files; a feature's strings go to its own files. */
export const SHARED_NAMESPACES = ['app', 'common', 'errors', 'enum', 'shell', 'nav', 'field', 'export'] as const;

export const featureFiles = import.meta.glob<{ default: Tree }>('../features/*/i18n/*.json', { eager: true });

function build(lang: 'id' | 'en', baseTree: Tree): Tree {
  const out = merge({}, structuredClone(baseTree));
  for (const [path, mod] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (path.endsWith(`.${lang}.json`)) merge(out, mod.default);
  }
  return out;
}

export const resources = { id: build('id', id as Tree), en: build('en', en as Tree) };
