import type { ConflictSide, SyncConflict } from '../api';

type T = (k: string, o?: Record<string, unknown>) => string;

/** A table's name in the UI language, or its own name when none is known. */
export function tableLabel(t: T, tbl: string): string {
  const k = `sinkron.table.${tbl}`;
  const v = t(k);
  return v === k ? tbl : v;
}

const VERBS_EN: Record<string, string> = {
  Dihapus: 'Deleted',
  Diubah: 'Changed',
  Ditambahkan: 'Added',
  Ditulis: 'Written',
};

/**
 * The store's "who did what" sentence of one side ("Dihapus oleh Dinas A pada
 * 27-11-2026 08:00", "Diubah oleh perangkat ini") in the UI language. The
 * store says it in Indonesian, naming the OPD from its own table; English
 * keeps the names and translates the frame.
 */
export function byText(by: string, lang: string): string {
  if (!lang.startsWith('en') || !by) return by;
  const m = /^(\S+) oleh (.+?)(?: pada (\S+ \S+))?$/.exec(by);
  if (!m) return by;
  const verb = VERBS_EN[m[1]] ?? m[1];
  let who = m[2];
  if (who === 'perangkat ini') who = 'this device';
  else if (who === 'perangkat lain') who = 'another device';
  else who = who.replace(/^perangkat /, 'device ');
  return `${verb} by ${who}${m[3] ? ` on ${m[3]}` : ''}`;
}

/** The side of a conflict: its write and the sentence the store built for it. */
export function sideOf(c: SyncConflict, side: 'server' | 'incoming'): { write?: ConflictSide; by: string } {
  return side === 'server' ? { write: c.server_side, by: c.serverBy } : { write: c.incoming_side, by: c.incomingBy };
}

/** The employee columns in the order the pegawai form shows them (the duplicate-NIP comparison). */
export const PEGAWAI_COLUMNS = [
  'nip',
  'nama',
  'gelar_depan',
  'gelar_belakang',
  'jenis_kelamin',
  'tempat_lahir',
  'tanggal_lahir',
  'status',
  'golongan',
  'golongan_pppk',
  'pendidikan',
  'jurusan',
  'opd_id',
  'unit_id',
  'jabatan_id',
  'tmt_jabatan',
  'tmt_cpns',
  'tmt_pns',
  'keluar_pada',
  'instansi_tujuan',
];

/** Every column of two records, the known ones first in form order, then any other. */
export function recordColumns(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  const seen = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  seen.delete('id');
  const known = PEGAWAI_COLUMNS.filter((c) => seen.has(c));
  const rest = [...seen].filter((c) => !PEGAWAI_COLUMNS.includes(c) && !c.startsWith('_')).sort();
  return [...known, ...rest];
}

/** Two stored values are the same value (numbers may arrive as strings from one side). */
export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === null || v === undefined || v === '' ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return norm(a) === norm(b);
}

/** A timestamp (RFC 3339) as local date and time in the UI language. */
export function whenText(s: string | undefined, lang: string): string {
  if (!s) return '—';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A column value for display: empty values as a dash. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
