import { describe, expect, it } from 'vitest';
import { dateProblem, datePlaceholder, formatDateInput, formatDateLong, formatDateShort, isIsoDate, parseDateInput, todayIso } from './date';
import { formatDate } from './format';

describe('parseDateInput', () => {
  it.each([
    ['01/05/2004', '2004-05-01'],
    ['1/5/2004', '2004-05-01'],
    ['1-5-2004', '2004-05-01'],
    ['1.5.2004', '2004-05-01'],
    [' 01 / 05 / 2004 ', '2004-05-01'],
    ['2004-05-01', '2004-05-01'],
    ['1 Mei 2004', '2004-05-01'],
    ['1 mei 2004', '2004-05-01'],
    ['1 May 2004', '2004-05-01'],
    ['17 Agustus 1945', '1945-08-17'],
    ['17 agu 1945', '1945-08-17'],
    ['17 Aug 1945', '1945-08-17'],
    ['17-Agt-1945', '1945-08-17'],
    ['31 Desember 1999', '1999-12-31'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s as %s (day first in both languages)', (text, iso) => {
    expect(parseDateInput(text)).toEqual({ ok: true, iso });
  });

  it('reads 05/01/2004 as 5 January, never as the US order', () => {
    expect(parseDateInput('05/01/2004')).toEqual({ ok: true, iso: '2004-01-05' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['kemarin', 'format'],
    ['1 Bulan 2004', 'format'],
    ['2004/05', 'format'],
    ['1/5/04', 'year'],
    ['1 Mei 04', 'year'],
    ['31/02/2004', 'impossible'],
    ['29/02/2023', 'impossible'],
    ['01/13/2004', 'impossible'],
    ['00/05/2004', 'impossible'],
    ['2004-02-30', 'impossible'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseDateInput(text)).toEqual({ ok: false, reason });
  });
});

describe('formatting', () => {
  it('shows the input day first with zero padding', () => {
    expect(formatDateInput('2004-05-01')).toBe('01/05/2004');
    expect(formatDateInput('')).toBe('');
    expect(formatDateInput('1/5/20')).toBe('1/5/20'); // unreadable text stays as typed
  });
  it('writes the month out in the UI language', () => {
    expect(formatDateLong('2004-05-01', 'id')).toBe('1 Mei 2004');
    expect(formatDateLong('2004-05-01', 'en')).toBe('1 May 2004');
    expect(formatDateLong('1945-08-17', 'id')).toBe('17 Agustus 1945');
    expect(formatDateLong('', 'id')).toBe('–');
    expect(formatDateLong('2004-02-30', 'id')).toBe('2004-02-30');
  });
  it('shortens the month for tables, the same in every engine', () => {
    expect(formatDateShort('1985-08-12', 'id')).toBe('12 Agu 1985');
    expect(formatDateShort('1985-08-12', 'en')).toBe('12 Aug 1985');
    expect(formatDateShort('1985-09-01', 'en')).toBe('1 Sep 1985');
    expect(formatDate('2004-05-01', 'id')).toBe('1 Mei 2004');
    expect(formatDate(null, 'en')).toBe('–');
  });
  it('names the expected order in the placeholder', () => {
    expect(datePlaceholder('id')).toBe('hh/bb/tttt');
    expect(datePlaceholder('en')).toBe('dd/mm/yyyy');
  });
  it('round-trips every day of a leap year through the input form', () => {
    for (let d = new Date(Date.UTC(2024, 0, 1)); d.getUTCFullYear() === 2024; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      expect(parseDateInput(formatDateInput(iso))).toEqual({ ok: true, iso });
      expect(parseDateInput(formatDateLong(iso, 'id'))).toEqual({ ok: true, iso });
      expect(parseDateInput(formatDateLong(iso, 'en'))).toEqual({ ok: true, iso });
    }
  });
});

describe('dateProblem', () => {
  it('accepts empty and real dates, reports the rest', () => {
    expect(dateProblem('')).toBeNull();
    expect(dateProblem('2004-05-01')).toBeNull();
    expect(dateProblem('31/02/2004')).toBe('impossible');
    expect(dateProblem('1/5/04')).toBe('year');
    expect(dateProblem('x')).toBe('format');
  });
  it('reports a date after the limit as future', () => {
    expect(dateProblem('2031-05-01', '2026-07-01')).toBe('future');
    expect(dateProblem('2026-07-01', '2026-07-01')).toBeNull();
  });
  it('knows ISO dates and today', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('01/05/2004')).toBe(false);
    expect(todayIso(new Date(2026, 11, 6, 23, 59))).toBe('2026-12-06');
  });
});
