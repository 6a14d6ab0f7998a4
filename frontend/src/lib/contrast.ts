// WCAG 2.1 contrast of sRGB colours, and the darkening of a Mantine palette so
// that its shade 6 — filled badges and buttons with white text, "light"
// variants' text, the dimmed text (gray 6) — reads at AA (4.5:1) on white, on
// the page background and on its own light tint.

type RGB = [number, number, number];

function parse(hex: string): RGB {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as RGB;
}

function hex([r, g, b]: RGB): string {
  return `#${[r, g, b].map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(c: string): number {
  const [r, g, b] = parse(c).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const x = luminance(a);
  const y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** a mixed with b: weight 0 is a, 1 is b. */
export function mix(a: string, b: string, weight: number): string {
  const p = parse(a);
  const q = parse(b);
  return hex([0, 1, 2].map((i) => p[i] + (q[i] - p[i]) * weight) as RGB);
}

/** The page background (Mantine gray 0) and the text and fill colour every check is made against. */
export const PAGE_BG = '#f8f9fa';
export const WHITE = '#ffffff';
/** A striped or hovered table row under a badge: Mantine gray 1. */
export const ROW_BG = '#f1f3f5';
/** Mantine's "light" variant background: the colour at 10 % over a background (white by default). */
export const lightTint = (c: string, bg = WHITE) => mix(bg, c, 0.1);

/** Whether c as text (or as a fill under white text) reads at ratio min on white, the page and its own tint over both. */
export function readable(c: string, min = 4.5): boolean {
  return [WHITE, PAGE_BG, lightTint(c), lightTint(c, ROW_BG)].every((bg) => contrast(c, bg) >= min);
}

/**
 * The palette with shade 6 darkened (mixed with black in small steps) until it
 * is readable at min with some margin, and shades 7–9 kept darker than the one
 * before them (hover states darken). Shades 0–5 are unchanged.
 */
export function accessiblePalette<T extends readonly string[]>(palette: T, min = 5): T {
  const out = [...palette];
  let c = out[6];
  for (let i = 0; i < 40 && !readable(c, min); i++) c = mix(c, '#000000', 0.04);
  out[6] = c;
  for (let i = 7; i < out.length; i++) {
    if (luminance(out[i]) >= luminance(out[i - 1])) out[i] = mix(out[i - 1], '#000000', 0.12);
  }
  return out as unknown as T;
}
