import i18n from '../i18n';

/** "SANGAT_BAIK" → "Sangat Baik": the fallback for enum values without a translation. */
export function humanize(v: string): string {
  return v
    .toLowerCase()
    .split('_')
    .map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** Translated label of an enum value that Reference() does not list (SKP predikat, hukdis tingkat, gender). */
export function enumLabel(group: 'skp' | 'hukdis' | 'gender', v: string | null | undefined): string {
  if (!v) return '–';
  return i18n.t(`enum.${group}.${v}`, { defaultValue: humanize(v) });
}
