// The Indonesian strings, loaded with the first screen (the default language).
import id from './id.json';
import { buildTree, type Tree } from './tree';

export default buildTree(id as Tree, import.meta.glob<{ default: Tree }>('../features/*/i18n/*.id.json', { eager: true }));
