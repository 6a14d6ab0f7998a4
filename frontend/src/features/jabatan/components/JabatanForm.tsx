import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Jabatan } from '../../../api';
import { splitSubmitError } from '../../../lib/formErrors';
import { notifyOk } from '../../../lib/notify';
import { useRefOptions } from '../../../lib/queries';

export const JABATAN_FIELDS = [
  'kode',
  'nama',
  'jenis',
  'jenjang',
  'kelas',
  'minPendidikan',
  'jurusan',
  'golonganMin',
  'golonganMax',
  'bup',
] as const;

const numStr = (n: number | undefined) => (n ? String(n) : '');

export function JabatanFormModal({ initial, onClose }: { initial: Jabatan | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const jenisOptions = useRefOptions('jenisJabatan');
  const jenjangOptions = useRefOptions('jenjang').filter((o) => o.value !== '');
  const pendOptions = useRefOptions('pendidikan');
  const golOptions = useRefOptions('golongan');
  const form = useForm({
    initialValues: {
      kode: initial?.kode ?? '',
      nama: initial?.nama ?? '',
      jenis: initial?.jenis ?? '',
      jenjang: initial?.jenjang ?? '',
      kelas: (initial?.kelas || '') as number | string,
      minPendidikan: numStr(initial?.minPendidikan),
      jurusan: initial?.jurusan ?? [],
      golonganMin: numStr(initial?.golonganMin),
      golonganMax: numStr(initial?.golonganMax),
      bup: (initial?.bup || '') as number | string,
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.saveJabatan({
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
      }),
    onSuccess: async (j) => {
      notifyOk(t('jabatan.saved', { nama: j.nama }));
      await qc.invalidateQueries();
      onClose();
    },
    onError: (e) => {
      const s = splitSubmitError(e, JABATAN_FIELDS, i18n.language);
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  return (
    <Modal opened onClose={onClose} size={700} title={initial ? t('jabatan.editTitle') : t('jabatan.createTitle')} data-testid="jabatan-form">
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setGeneral(null);
          save.mutate(v);
        })}
      >
        {general && (
          <Alert color="red" mb="sm" data-testid="form-error">
            {general}
          </Alert>
        )}
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
          <TextInput label={t('field.kode')} required {...form.getInputProps('kode')} />
          <div style={{ gridColumn: 'span 2' }}>
            <TextInput label={t('field.namaJabatan')} required {...form.getInputProps('nama')} />
          </div>
          <Select label={t('field.jenis')} required data={jenisOptions} {...form.getInputProps('jenis')} />
          <Select label={t('field.jenjang')} data={jenjangOptions} clearable {...form.getInputProps('jenjang')} />
          <NumberInput label={t('field.kelas')} min={1} max={17} {...form.getInputProps('kelas')} />
          <Select label={t('field.minPendidikan')} data={pendOptions} searchable {...form.getInputProps('minPendidikan')} />
          <Select label={t('field.golonganMin')} data={golOptions} clearable searchable {...form.getInputProps('golonganMin')} />
          <Select label={t('field.golonganMax')} data={golOptions} clearable searchable {...form.getInputProps('golonganMax')} />
        </SimpleGrid>
        <TagsInput mt="xs" label={t('field.jurusan')} description={t('jabatan.jurusanHint')} {...form.getInputProps('jurusan')} />
        <NumberInput mt="xs" w={200} label={t('field.bup')} description={t('jabatan.bupHint')} min={0} max={70} {...form.getInputProps('bup')} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="btn-save-jabatan">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
