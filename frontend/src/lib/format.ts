import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

function locale(lang: string): string {
  return lang.startsWith('en') ? 'en-GB' : 'id-ID';
}

export function formatNumber(n: number | null | undefined, lang: string): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** "YYYY-MM-DD" → "12 Mar 1985" (id: "12 Mar 1985"); "" → "–". No time zone shift. */
export function formatDate(s: string | null | undefined, lang: string): string {
  if (!s) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return s;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
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
      /** A signed whole number: +2, −1, 0 (selisih). */
      signed: (n: number) => (n > 0 ? `+${formatNumber(n, lang)}` : n < 0 ? `−${formatNumber(-n, lang)}` : '0'),
      date: (s: string | null | undefined) => formatDate(s, lang),
    }),
    [lang],
  );
}

/** Separators for Mantine NumberInput in the UI language: id 1.250,5; en 1,250.5. */
export function numberSeparators(lang: string): { decimalSeparator: string; thousandSeparator: string } {
  return lang.startsWith('en') ? { decimalSeparator: '.', thousandSeparator: ',' } : { decimalSeparator: ',', thousandSeparator: '.' };
}
