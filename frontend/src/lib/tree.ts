import type { UnitNode } from '../api';

export interface FlatUnit {
  node: UnitNode;
  depth: number;
}

/** Depth-first list of a unit tree, for selects and indented lists. */
export function flattenUnits(units: UnitNode[] | null | undefined, depth = 0, out: FlatUnit[] = []): FlatUnit[] {
  for (const u of units ?? []) {
    out.push({ node: u, depth });
    flattenUnits(u.children, depth + 1, out);
  }
  return out;
}

export function unitOptions(units: UnitNode[] | null | undefined): { value: string; label: string }[] {
  return flattenUnits(units).map(({ node, depth }) => ({
    value: node.id,
    label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '└ ' : ''}${node.nama}`,
  }));
}
