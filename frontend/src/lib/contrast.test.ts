import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME } from '@mantine/core';
import { accessiblePalette, contrast, lightTint, mix, PAGE_BG, readable, ROW_BG, WHITE } from './contrast';
import { theme } from '../theme';

describe('contrast', () => {
  it('gives the WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // Mantine's gray 6 on white: the 3.32:1 the dimmed text had
    expect(contrast('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(contrast('#fd7e14', '#ffffff')).toBeCloseTo(2.57, 2);
  });

  it('mixes and refuses what is not a colour', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#ff0000', '#0000ff', 0)).toBe('#ff0000');
    expect(() => contrast('navy', '#fff')).toThrow(/colour/);
  });

  it('darkens a pale palette until shade 6 is readable, keeps shades 0–5 and the order of 7–9', () => {
    const orange = DEFAULT_THEME.colors.orange;
    expect(readable(orange[6])).toBe(false);
    const fixed = accessiblePalette(orange);
    expect(readable(fixed[6])).toBe(true);
    expect(fixed.slice(0, 6)).toEqual(orange.slice(0, 6));
    for (let i = 7; i < 10; i++) expect(contrast(fixed[i], WHITE)).toBeGreaterThan(contrast(fixed[i - 1], WHITE));
  });

  it('leaves an already readable palette as it is', () => {
    const dark = DEFAULT_THEME.colors.dark;
    expect(accessiblePalette(dark)).toEqual(dark);
  });
});

describe('theme', () => {
  const colors = theme.colors ?? {};
  it.each(Object.keys(DEFAULT_THEME.colors).filter((n) => n !== 'dark'))('%s shade 6 reads at AA on white, the page and its tint', (name) => {
    const c = colors[name]?.[6];
    expect(c, `${name} is not in the theme`).toBeDefined();
    expect(contrast(c!, WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c!, PAGE_BG)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c!, lightTint(c!))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c!, lightTint(c!, ROW_BG))).toBeGreaterThanOrEqual(4.5);
  });

  it('the primary navy reads at AA as text and as a fill', () => {
    const navy = colors.navy!;
    expect(readable(navy[6])).toBe(true);
  });
});
