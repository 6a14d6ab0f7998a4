// Dates as users in Sorong read and type them, independent of the browser
// engine's locale (WebKitGTK and Chromium disagree, and a native
// <input type="date"> shows the OS locale's order, often US): typed
// day-first (01/05/2004), shown in words ("1 Mei 2004" / "1 May 2004").
// Stored and exchanged dates stay ISO "YYYY-MM-DD".

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const SHORT_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const isEn = (lang: string) => lang.startsWith('en');

/** Month names (and their common short forms) of both languages → month 1–12. */
const MONTH_WORDS: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  const add = (names: string[]) => names.forEach((n, i) => (out[n.toLowerCase()] = i + 1));
  add(MONTHS_ID);
  add(MONTHS_EN);
  add(SHORT_ID);
  add(SHORT_EN);
  Object.assign(out, { agt: 8, ags: 8, sept: 9, peb: 2, pebruari: 2, nop: 11, nopember: 11 });
  return out;
})();

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function iso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Splits an ISO date into numbers; null for anything else (or an impossible day). */
export function isoParts(s: string | null | undefined): { y: number; m: number; d: number } | null {
  const r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!r) return null;
  const y = Number(r[1]);
  const m = Number(r[2]);
  const d = Number(r[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return { y, m, d };
}

/** True for a real calendar date in ISO form. */
export function isIsoDate(s: string | null | undefined): boolean {
  return isoParts(s) !== null;
}

export type DateParse =
  | { ok: true; iso: string }
  /** empty: nothing typed; format: not a date we read; year: a year that is not 4 digits; impossible: 31/02, 13th month. */
  | { ok: false; reason: 'empty' | 'format' | 'year' | 'impossible' };

/**
 * Reads what a user typed: day first in both languages — 1/5/2004, 01-05-2004,
 * 1.5.2004, "1 Mei 2004", "1 May 2004", "01 agu 2004" — and ISO 2004-05-01 (a
 * pasted or tested value). Two-digit years are refused, not guessed.
 */
export function parseDateInput(text: string): DateParse {
  const s = text.trim().replace(/\s+/g, ' ');
  if (!s) return { ok: false, reason: 'empty' };
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  } else if ((r = /^(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d+)$/.exec(s))) {
    if (r[3].length !== 4) return { ok: false, reason: 'year' };
    [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  } else if ((r = /^(\d{1,2})[ .-]?([a-z]+)\.?[ .-]?(\d+)$/i.exec(s))) {
    const month = MONTH_WORDS[r[2].toLowerCase()];
    if (!month) return { ok: false, reason: 'format' };
    if (r[3].length !== 4) return { ok: false, reason: 'year' };
    [d, m, y] = [Number(r[1]), month, Number(r[3])];
  } else {
    return { ok: false, reason: 'format' };
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return { ok: false, reason: 'impossible' };
  return { ok: true, iso: iso(y, m, d) };
}

/** ISO → what the input shows and the user edits: "01/05/2004" (day first in both languages). */
export function formatDateInput(s: string | null | undefined): string {
  const p = isoParts(s);
  return p ? `${pad(p.d)}/${pad(p.m)}/${pad(p.y, 4)}` : (s ?? '');
}

/** ISO → "1 Mei 2004" / "1 May 2004"; "" → "–"; anything else as it is. */
export function formatDateLong(s: string | null | undefined, lang: string): string {
  if (!s) return '–';
  const p = isoParts(s);
  if (!p) return s;
  return `${p.d} ${(isEn(lang) ? MONTHS_EN : MONTHS_ID)[p.m - 1]} ${p.y}`;
}

/** ISO → "1 Mei 2004" with the month shortened ("12 Agu 1985" / "12 Aug 1985"), for tables. */
export function formatDateShort(s: string | null | undefined, lang: string): string {
  if (!s) return '–';
  const p = isoParts(s);
  if (!p) return s;
  return `${p.d} ${(isEn(lang) ? SHORT_EN : SHORT_ID)[p.m - 1]} ${p.y}`;
}

/** The input's placeholder: the order the field expects, in the UI language's letters. */
export function datePlaceholder(lang: string): string {
  return isEn(lang) ? 'dd/mm/yyyy' : 'hh/bb/tttt';
}

/** Today in the local calendar as ISO. */
export function todayIso(now: Date = new Date()): string {
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export type DateProblem = 'format' | 'year' | 'impossible' | 'future';

/**
 * What is wrong with a date field's value (ISO, "" or the raw text DateField
 * passes on while it cannot read it): null when it is a real date, or empty
 * and not required (a required empty field is the backend's "wajib diisi").
 * notAfter: the latest allowed ISO date (today for a birth date).
 */
export function dateProblem(value: string | null | undefined, notAfter?: string): DateProblem | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  const p = parseDateInput(v);
  if (!p.ok) return p.reason === 'empty' ? null : p.reason;
  if (notAfter && p.iso > notAfter) return 'future';
  return null;
}
