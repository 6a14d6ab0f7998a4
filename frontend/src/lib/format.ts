import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateLong, formatDateShort } from './date';

function locale(lang: string): string {
  return lang.startsWith('en') ? 'en-GB' : 'id-ID';
}

export function formatNumber(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/**
 * "YYYY-MM-DD" → "12 Mar 1985" (id: "12 Agu 1985"); "" → "–". Month names come
 * from lib/date.ts, not the engine's Intl data, so WebKitGTK and Chromium agree.
 */
export function formatDate(s: string | null | undefined, lang: string): string {
  return formatDateShort(s, lang);
}

/**
 * The decimals a figure needs beside its grade: at least min (2), more while
 * the rounded figure would sit on a grade boundary it is not on — EU 1.0012
 * (grade A, above the bound 1.00) reads "1,001", not "1,00" like an EU of
 * exactly 1.0000 (grade B). Stops at max (6).
 */
export function gradeDigits(n: number, bounds: readonly number[], min = 2, max = 6): number {
  for (let d = min; d < max; d++) {
    const f = 10 ** d;
    const r = Math.round(n * f) / f;
    const misleading = bounds.some((b) => Math.abs(r - b) < 1e-12 && Math.abs(n - b) > 1e-9);
    if (!misleading) return d;
  }
  return max;
}

/** Formatting bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language || 'id';
  return useMemo(
    () => ({
      lang,
      num: (n: number | null | undefined) => formatNumber(n, lang),
      pct: (n: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(n),
      /** A ratio or a decimal with a fixed number of digits (EJ 0,39; kebutuhan 1,16). */
      dec: (n: number | null | undefined, digits = 2) =>
        n === null || n === undefined || Number.isNaN(n)
          ? '–'
          : new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
      /** A figure shown beside its grade, with the decimals gradeDigits says it needs. */
      graded: (n: number | null | undefined, bounds: readonly number[]) =>
        n === null || n === undefined || Number.isNaN(n)
          ? '–'
          : new Intl.NumberFormat(locale(lang), {
              minimumFractionDigits: 2,
              maximumFractionDigits: gradeDigits(n, bounds),
            }).format(n),
      /** A signed whole number: +2, −1, 0 (selisih). */
      signed: (n: number) => (n > 0 ? `+${formatNumber(n, lang)}` : n < 0 ? `−${formatNumber(-n, lang)}` : '0'),
      date: (s: string | null | undefined) => formatDate(s, lang),
      /** '1 Mei 2004' / '1 May 2004'. */
      dateLong: (s: string | null | undefined) => formatDateLong(s, lang),
    }),
    [lang],
  );
}

/** Separators for Mantine NumberInput in the UI language: id 1.250,5; en 1,250.5. */
export function numberSeparators(lang: string): { decimalSeparator: string; thousandSeparator: string } {
  return lang.startsWith('en') ? { decimalSeparator: '.', thousandSeparator: ',' } : { decimalSeparator: ',', thousandSeparator: '.' };
}
