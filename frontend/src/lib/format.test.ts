import { describe, expect, it } from 'vitest';
import { formatNumber, gradeDigits } from './format';

const BOUNDS = [1.0, 0.9, 0.7, 0.5];
const fmt = (n: number, lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { minimumFractionDigits: 2, maximumFractionDigits: gradeDigits(n, BOUNDS) }).format(n);

describe('gradeDigits', () => {
  it('shows more decimals only where two would sit on a boundary the figure is not on', () => {
    expect(gradeDigits(1.0012, BOUNDS)).toBe(3); // grade A, not "1,00"
    expect(gradeDigits(1.0, BOUNDS)).toBe(2); // exactly the bound: grade B reads "1,00"
    expect(gradeDigits(0.9532, BOUNDS)).toBe(2);
    expect(gradeDigits(0.8996, BOUNDS)).toBe(4); // "0,90" would claim the B bound; "0,900" too
    expect(gradeDigits(1.00004, BOUNDS)).toBe(5);
    expect(gradeDigits(1 + 1e-8, BOUNDS)).toBe(6); // the cap
  });
  it('keeps EU 1.0012 (A) and 1.0000 (B) apart in both languages', () => {
    expect(fmt(1.0012, 'id')).toBe('1,001');
    expect(fmt(1.0, 'id')).toBe('1,00');
    expect(fmt(1.0012, 'en')).toBe('1.001');
    expect(fmt(0.8996, 'id')).toBe('0,8996');
  });
});

describe('formatNumber', () => {
  it('groups counts in the UI language', () => {
    expect(formatNumber(49990, 'id')).toBe('49.990');
    expect(formatNumber(49990, 'en')).toBe('49,990');
    expect(formatNumber(null, 'id')).toBe('–');
  });
});
