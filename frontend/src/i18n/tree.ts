// One language's translation tree: the base file (id.json or en.json, the
// strings every screen shares) merged with each feature's file of that
// language, src/features/<feature>/i18n/<name>.<lang>.json (see resources.ts).

export type Tree = { [k: string]: string | Tree };

function merge(into: Tree, from: Tree): Tree {
  for (const [k, v] of Object.entries(from)) {
    const cur = into[k];
    if (typeof v === 'object' && typeof cur === 'object') merge(cur, v);
    else into[k] = v;
  }
  return into;
}

/** The base tree with the feature files merged in, in path order. */
export function buildTree(baseTree: Tree, features: Record<string, { default: Tree }>): Tree {
  const out = merge({}, structuredClone(baseTree));
  for (const [, mod] of Object.entries(features).sort(([a], [b]) => a.localeCompare(b))) merge(out, mod.default);
  return out;
}
