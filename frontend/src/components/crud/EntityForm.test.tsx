import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { toAppError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { EntityFormModal, type FieldSpec } from '.';

type V = { kode: string; nama: string };
const fields: FieldSpec<V>[] = [
  { name: 'kode', label: 'Kode', kind: 'text', required: true },
  { name: 'nama', label: 'Nama', kind: 'text', required: true, span: 2 },
];

function renderForm(save: (v: V) => Promise<V>, onSaved = vi.fn()) {
  renderWithProviders(
    <EntityFormModal<V, V>
      title="Uji"
      testId="uji-form"
      saveTestId="btn-save-uji"
      size={500}
      initialValues={{ kode: '', nama: '' }}
      fields={fields}
      save={save}
      savedText={(r) => `Tersimpan ${r.nama}`}
      onSaved={onSaved}
      onClose={() => {}}
    />,
  );
  return onSaved;
}

beforeEach(async () => {
  await i18n.changeLanguage('id');
});

describe('EntityFormModal', () => {
  it('draws the field list, sends the typed values and reports the save', async () => {
    const user = userEvent.setup();
    const save = vi.fn(async (v: V) => v);
    const onSaved = renderForm(save);
    await user.type(screen.getByLabelText(/Kode/), 'K1');
    await user.type(screen.getByLabelText(/Nama/), 'Dinas A');
    await user.click(screen.getByTestId('btn-save-uji'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith({ kode: 'K1', nama: 'Dinas A' }));
    expect(save.mock.calls[0][0]).toEqual({ kode: 'K1', nama: 'Dinas A' });
    expect(await screen.findByText('Tersimpan Dinas A')).toBeTruthy();
  });

  it('puts a refused field under its input and the rest above the form', async () => {
    const user = userEvent.setup();
    const refused = toAppError(
      JSON.stringify({
        kind: 'Invalid',
        code: 'opd.invalid',
        message: 'Data tidak valid.',
        messageEn: 'Invalid data.',
        fields: [
          { field: 'kode', code: 'kode.dup', message: 'Kode sudah dipakai.', messageEn: 'Code in use.' },
          { field: 'pemdaId', code: 'pemda.missing', message: 'Pemda belum ada.', messageEn: 'No Pemda.' },
        ],
      }),
    );
    const onSaved = renderForm(async () => Promise.reject(refused));
    await user.type(screen.getByLabelText(/Kode/), 'K1');
    await user.click(screen.getByTestId('btn-save-uji'));
    expect(await screen.findByText('Kode sudah dipakai.')).toBeTruthy();
    expect(screen.getByTestId('form-error').textContent).toBe('Pemda belum ada.');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
