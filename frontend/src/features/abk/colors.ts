// Colours and labels of the ABK figures, the same on every ABK screen and chart.
// The numbers themselves always come from the backend (backend/abk).

/** Mantine colour of a grade badge. A = load above capacity, B = the ideal band, "-" = jabatan kosong. */
export const GRADE_COLOR: Record<string, string> = {
  A: 'red',
  B: 'teal',
  C: 'cyan',
  D: 'yellow',
  E: 'orange',
  '-': 'gray',
};

/** Hex colours of the grades for ECharts. */
export const GRADE_HEX: Record<string, string> = {
  A: '#e03131',
  B: '#0ca678',
  C: '#1098ad',
  D: '#f59f00',
  E: '#e8590c',
  '-': '#adb5bd',
};

/** Deficit (kekurangan) red, surplus (kelebihan) blue, for text and the diverging heatmap. */
export const DEFICIT_HEX = '#c92a2a';
export const SURPLUS_HEX = '#1c5fb8';
export const KEBUTUHAN_HEX = '#345eab';
export const BEZETTING_HEX = '#f08c00';

/** Mantine text colour of a selisih: − deficit red, + surplus blue, 0 default. */
export function selisihColor(n: number): string | undefined {
  if (n < 0) return 'red.8';
  if (n > 0) return 'blue.7';
  return undefined;
}

/** A file name part without characters a file system refuses. */
export function safeName(s: string): string {
  return s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
}
