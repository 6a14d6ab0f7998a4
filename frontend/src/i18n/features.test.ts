import { describe, expect, it } from 'vitest';
import en from './en.json';
import id from './id.json';
import { featureFiles, SHARED_NAMESPACES, type Tree } from './resources';

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** i18next plural forms differ per language (id has only "other"); compare the base keys. */
const base = (t: Tree) => [...new Set(keys(t).map((k) => k.replace(PLURAL, '')))].sort();

/** feature → language → its file's tree */
function features(): Map<string, Partial<Record<'id' | 'en', Tree>>> {
  const out = new Map<string, Partial<Record<'id' | 'en', Tree>>>();
  for (const [path, mod] of Object.entries(featureFiles)) {
    const m = /\/([^/]+)\.(id|en)\.json$/.exec(path);
    expect(m, `${path} is named <feature>.<id|en>.json`).not.toBeNull();
    const [, feature, lang] = m!;
    out.set(feature, { ...out.get(feature), [lang]: mod.default });
  }
  return out;
}

describe('per-feature translation files', () => {
  it('exist for the features', () => {
    expect([...features().keys()].sort()).toEqual(
      expect.arrayContaining(['abk', 'akun', 'beranda', 'evaluasi', 'impor', 'jabatan', 'mutasi', 'opd', 'pegawai', 'planner', 'sinkron']),
    );
  });

  it('have an id and an en file with the same keys', () => {
    for (const [feature, langs] of features()) {
      expect(langs.id, `${feature}.id.json`).toBeDefined();
      expect(langs.en, `${feature}.en.json`).toBeDefined();
      expect(base(langs.en!), feature).toEqual(base(langs.id!));
    }
  });

  it('leave only the shared namespaces in the base files', () => {
    expect(Object.keys(id).sort()).toEqual([...SHARED_NAMESPACES].sort());
    expect(Object.keys(en).sort()).toEqual([...SHARED_NAMESPACES].sort());
  });

  it('own each namespace in one place', () => {
    const owner = new Map<string, string>(SHARED_NAMESPACES.map((ns) => [ns, 'id.json']));
    for (const [feature, langs] of features()) {
      for (const ns of Object.keys(langs.id ?? {})) {
        expect(owner.get(ns), `namespace ${ns} of ${feature}`).toBeUndefined();
        owner.set(ns, feature);
      }
    }
  });
});
