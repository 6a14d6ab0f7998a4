// The translation resources: the base files plus one pair of files per feature
// (features/<feature>.id.json and features/<feature>.en.json), so features add
// their strings without touching each other's files. A feature file holds one
// top-level namespace key (for example {"planner": {…}}).
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

const featureFiles = import.meta.glob<{ default: Tree }>('./features/*.json', { eager: true });

function build(lang: 'id' | 'en', baseTree: Tree): Tree {
  const out = merge({}, structuredClone(baseTree));
  for (const [path, mod] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (path.endsWith(`.${lang}.json`)) merge(out, mod.default);
  }
  return out;
}

export const resources = { id: build('id', id as Tree), en: build('en', en as Tree) };
