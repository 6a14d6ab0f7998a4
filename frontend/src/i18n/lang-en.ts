// The English strings, loaded when English is chosen (i18n/index.ts).
import en from './en.json';
import { buildTree, type Tree } from './tree';

export default buildTree(en as Tree, import.meta.glob<{ default: Tree }>('../features/*/i18n/*.en.json', { eager: true }));
