import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources, type Tree } from './resources';

const { id, en } = resources;

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** i18next plural forms differ per language (id has only "other"); compare the base keys. */
const base = (ks: string[]) => [...new Set(ks.map((k) => k.replace(PLURAL, '')))].sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f: string) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('i18n resources', () => {
  const idKeys = keys(id as Tree);
  const enKeys = keys(en as Tree);

  it('have the same keys in id and en', () => {
    expect(base(enKeys)).toEqual(base(idKeys));
  });

  it('have an "other" form for every plural key in both languages', () => {
    for (const ks of [idKeys, enKeys]) {
      for (const k of ks.filter((x) => PLURAL.test(x))) {
        expect(ks).toContain(k.replace(PLURAL, '_other'));
      }
    }
  });

  it('have no empty strings', () => {
    const empty = (t: Tree) => keys(t).filter((k) => k.split('.').reduce<Tree | string>((n, p) => (n as Tree)[p], t) === '');
    expect(empty(id as Tree)).toEqual([]);
    expect(empty(en as Tree)).toEqual([]);
  });

  it('define every literal key the source uses', () => {
    const src = join(__dirname, '..');
    const used = new Set<string>();
    for (const f of sourceFiles(src)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    const known = new Set(base(idKeys));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('name every error kind and every page', () => {
    for (const k of ['Invalid', 'NotFound', 'NotEligible', 'Conflict', 'Permission', 'Unavailable', 'Internal']) {
      expect(idKeys).toContain(`errors.kind.${k}`);
    }
    for (const p of ['beranda', 'pegawai', 'opd', 'jabatan']) expect(idKeys).toContain(`nav.${p}`);
  });
});
