import { useTranslation } from 'react-i18next';
import type { Jabatan } from '../../../api';
import { jabatanApi } from '../api';
import { EntityFormModal, type FieldSpec } from '../../../components/crud';
import { useRefOptions } from '../../../lib/queries';

type Values = {
  kode: string;
  nama: string;
  jenis: string;
  jenjang: string;
  kelas: number | string;
  minPendidikan: string;
  jurusan: string[];
  golonganMin: string;
  golonganMax: string;
  bup: number | string;
};

const numStr = (n: number | undefined) => (n ? String(n) : '');

export function JabatanFormModal({ initial, onClose }: { initial: Jabatan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const jenisOptions = useRefOptions('jenisJabatan');
  const jenjangOptions = useRefOptions('jenjang').filter((o) => o.value !== '');
  const pendOptions = useRefOptions('pendidikan');
  const golOptions = useRefOptions('golongan');
  const fields: FieldSpec<Values>[] = [
    { name: 'kode', label: t('field.kode'), kind: 'text', required: true },
    { name: 'nama', label: t('field.namaJabatan'), kind: 'text', required: true, span: 2 },
    { name: 'jenis', label: t('field.jenis'), kind: 'select', data: jenisOptions, required: true },
    { name: 'jenjang', label: t('field.jenjang'), kind: 'select', data: jenjangOptions, clearable: true },
    { name: 'kelas', label: t('field.kelas'), kind: 'number', min: 1, max: 17 },
    { name: 'minPendidikan', label: t('field.minPendidikan'), kind: 'select', data: pendOptions, searchable: true },
    { name: 'golonganMin', label: t('field.golonganMin'), kind: 'select', data: golOptions, clearable: true, searchable: true },
    { name: 'golonganMax', label: t('field.golonganMax'), kind: 'select', data: golOptions, clearable: true, searchable: true },
    { name: 'jurusan', label: t('field.jurusan'), kind: 'tags', span: 3, description: t('jabatan.jurusanHint') },
    { name: 'bup', label: t('field.bup'), kind: 'number', span: 3, w: 200, min: 0, max: 70, description: t('jabatan.bupHint') },
  ];
  return (
    <EntityFormModal<Values, Jabatan>
      title={initial ? t('jabatan.editTitle') : t('jabatan.createTitle')}
      testId="jabatan-form"
      saveTestId="btn-save-jabatan"
      size={700}
      initialValues={{
        kode: initial?.kode ?? '',
        nama: initial?.nama ?? '',
        jenis: initial?.jenis ?? '',
        jenjang: initial?.jenjang ?? '',
        kelas: initial?.kelas || '',
        minPendidikan: numStr(initial?.minPendidikan),
        jurusan: initial?.jurusan ?? [],
        golonganMin: numStr(initial?.golonganMin),
        golonganMax: numStr(initial?.golonganMax),
        bup: initial?.bup || '',
      }}
      fields={fields}
      save={(v) =>
        jabatanApi.saveJabatan({
          id: initial?.id ?? '',
          kode: v.kode.trim(),
          nama: v.nama.trim(),
          jenis: v.jenis ?? '',
          jenjang: v.jenjang ?? '',
          kelas: Number(v.kelas) || 0,
          minPendidikan: Number(v.minPendidikan) || 0,
          jurusan: v.jurusan.map((j) => j.trim()).filter(Boolean),
          golonganMin: Number(v.golonganMin) || 0,
          golonganMax: Number(v.golonganMax) || 0,
          bup: Number(v.bup) || 0,
        })
      }
      savedText={(j) => t('jabatan.saved', { nama: j.nama })}
      onSaved={onClose}
      onClose={onClose}
    />
  );
}
