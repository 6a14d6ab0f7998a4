import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../i18n';
import { renderWithProviders } from '../test/render';
import { DateField } from './DateField';

let last = '';
function Harness({ initial = '', notAfter }: { initial?: string; notAfter?: string }) {
  const [v, setV] = useState(initial);
  return (
    <DateField
      label="Tanggal lahir"
      value={v}
      notAfter={notAfter}
      futureMessage={i18n.t('common.date.futureBirth')}
      onChange={(x) => {
        last = x;
        setV(x);
      }}
      data-testid="date"
    />
  );
}

beforeEach(async () => {
  last = '';
  await i18n.changeLanguage('id');
});

describe('DateField', () => {
  it('shows a stored date day first and in words (Indonesian)', () => {
    renderWithProviders(<Harness initial="2004-05-01" />);
    expect((screen.getByTestId('date') as HTMLInputElement).value).toBe('01/05/2004');
    expect(screen.getByText('1 Mei 2004')).toBeTruthy();
    expect(screen.getByTestId('date').getAttribute('placeholder')).toBe('hh/bb/tttt');
  });

  it('shows the English month in English', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<Harness initial="2004-05-01" />);
    expect((screen.getByTestId('date') as HTMLInputElement).value).toBe('01/05/2004');
    expect(screen.getByText('1 May 2004')).toBeTruthy();
    expect(screen.getByTestId('date').getAttribute('placeholder')).toBe('dd/mm/yyyy');
  });

  it('emits ISO for a typed day-first date and tidies the text on blur', async () => {
    renderWithProviders(<Harness />);
    const input = screen.getByTestId('date');
    await userEvent.type(input, '1/5/2004');
    expect(last).toBe('2004-05-01');
    await userEvent.tab();
    expect((input as HTMLInputElement).value).toBe('01/05/2004');
    expect(screen.getByText('1 Mei 2004')).toBeTruthy();
  });

  it('says why an impossible date is refused, after leaving the field', async () => {
    renderWithProviders(<Harness />);
    const input = screen.getByTestId('date');
    await userEvent.type(input, '31/02/2004');
    expect(last).toBe('31/02/2004');
    expect(screen.queryByText(/tidak ada di kalender/)).toBeNull();
    await userEvent.tab();
    expect(screen.getByText('Tanggal ini tidak ada di kalender (mis. 31/02 atau bulan 13).')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('says a future birth date is in the future, not a negative age', async () => {
    renderWithProviders(<Harness notAfter="2026-07-01" />);
    await userEvent.type(screen.getByTestId('date'), '01/05/2031');
    expect(screen.getByText('Tanggal lahir tidak boleh di masa depan.')).toBeTruthy();
    expect(screen.queryByText(/Usia/)).toBeNull();
  });
});
