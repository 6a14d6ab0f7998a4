import { describe, expect, it } from 'vitest';
import { authKeys, backupKeys, mk, plannerKeys, qk, survivesUserChange, syncKeys } from './queryKeys';

// Every source file of the app, as text: the keys must come from queryKeys.ts.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./queryKeys.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('query keys', () => {
  it('are built only in queryKeys.ts', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const inline: string[] = [];
    for (const [path, text] of Object.entries(sources)) {
      // an inline array literal where react-query expects a key
      if (/queryKey:\s*\[/.test(text)) inline.push(`${path}: queryKey: [`);
      if (/(set|get)QueryData\(\s*\[/.test(text)) inline.push(`${path}: QueryData([`);
      if (/queryKey\[\d\]\s*[!=]==\s*'/.test(text)) inline.push(`${path}: queryKey[n] === '…'`);
      // a key table of its own
      if (/\b\w*(Keys|_KEY)\s*=\s*[{[]/.test(text)) inline.push(`${path}: key table`);
    }
    expect(inline).toEqual([]);
  });

  it('start with the area a mutation invalidates', () => {
    const areas: [readonly unknown[], readonly unknown[]][] = [
      [qk.abkAll, qk.abkRegion('a')],
      [qk.abkAll, qk.abkHitung(1, [])],
      [qk.pegawaiList, qk.pegawaiPage({} as never)],
      [qk.pegawaiList, qk.pegawaiSearch('picker', 'x')],
      [mk.all, mk.list({} as never, 'u')],
      [mk.all, mk.check({})],
      [mk.detail('1'), mk.detailFor('1', 'u', 'r')],
      [mk.evaluasiAll, mk.evaluasiDue(true)],
      [plannerKeys.all, plannerKeys.explain('r', 'e')],
      [syncKeys.conflictsAll, syncKeys.conflicts({} as never)],
      [syncKeys.all, syncKeys.quarantine],
      [backupKeys.all, backupKeys.recovery],
      [authKeys.all, authKeys.session],
    ];
    for (const [prefix, key] of areas) expect(key.slice(0, prefix.length)).toEqual([...prefix]);
  });

  it('keep only the session and the status across a change of user', () => {
    expect(survivesUserChange(authKeys.session)).toBe(true);
    expect(survivesUserChange(qk.status)).toBe(true);
    expect(survivesUserChange(mk.inboxCount('u'))).toBe(false);
    expect(survivesUserChange(qk.dashboard)).toBe(false);
  });
});
