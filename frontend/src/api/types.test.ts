import { describe, expect, expectTypeOf, it } from 'vitest';
import type { domain, importer } from '../../wailsjs/go/models';
import type { ImportPreview } from '../features/import/api';
import type { Pegawai, Plain } from './types';
import typesSrc from './types.ts?raw';
import mutasiSrc from './mutasi.ts?raw';
import plannerSrc from '../features/planner/api.ts?raw';

describe('binding types', () => {
  it('are the generated models, not hand copies', () => {
    // Only shapes the generator does not produce may be declared by hand.
    const declared = (src: string) => [...src.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]);
    expect(declared(typesSrc)).toEqual([]);
    expect(declared(mutasiSrc)).toEqual(['EventActor', 'EventPayload']);
    expect(declared(plannerSrc)).toEqual([]);
  });

  it('carry every field Go sends, and nil slices as null', () => {
    expectTypeOf<keyof Pegawai>().toEqualTypeOf<Exclude<keyof domain.Pegawai, 'convertValues'>>();
    expectTypeOf<ImportPreview['notices']>().toEqualTypeOf<Plain<importer.Notice>[] | null>();
  });
});
