import { describe, expect, expectTypeOf, it } from 'vitest';
import type { domain, importer } from '../../wailsjs/go/models';
import type { ImportPreview } from '../features/import/api';
import type { BackupInfo } from '../features/backup/api';
import type { Session } from '../features/auth/api';
import type { SyncStatus } from '../features/sync/api';
import type { Pegawai, Plain } from './types';
import typesSrc from './types.ts?raw';

// Every feature's adapter, as text.
const featureApis = import.meta.glob<string>('../features/*/api.ts', { query: '?raw', import: 'default', eager: true });

/** The interfaces a file declares by hand. */
const declared = (src: string) => [...src.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]);

describe('binding types', () => {
  it('are the generated models, not hand copies', () => {
    // Only shapes the generator does not produce may be declared by hand:
    // event fields and payloads it types as any or does not know.
    expect(declared(typesSrc)).toEqual(['EventActor', 'EventPayload']);
    const byFeature = Object.fromEntries(Object.entries(featureApis).map(([p, src]) => [p.split('/')[2], declared(src)]));
    expect(Object.keys(byFeature)).toEqual(expect.arrayContaining(['abk', 'auth', 'backup', 'dashboard', 'evaluasi', 'import', 'jabatan', 'mutasi', 'opd', 'pegawai', 'planner', 'setup', 'sync']));
    for (const [feature, names] of Object.entries(byFeature)) {
      const allowed: Record<string, string[]> = { sync: ['ConflictSide'], import: ['ImportProgress'], setup: ['DemoProgress'] };
      expect(names, feature).toEqual(allowed[feature] ?? []);
    }
  });

  it('carry every field Go sends, and nil slices as null', () => {
    expectTypeOf<keyof Pegawai>().toEqualTypeOf<Exclude<keyof domain.Pegawai, 'convertValues'>>();
    expectTypeOf<ImportPreview['notices']>().toEqualTypeOf<Plain<importer.Notice>[] | null>();
    expectTypeOf<Session['perms']>().toEqualTypeOf<string[] | null>();
    expectTypeOf<SyncStatus['quarantined']>().toEqualTypeOf<number>();
    // Go's time.Time, typed any by the generator, is narrowed to its RFC 3339 string.
    expectTypeOf<BackupInfo['createdAt']>().toEqualTypeOf<string>();
  });
});
