import { useMemo, useState } from 'react';
import { Alert, Button, Divider, Group, Modal, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Pegawai, PegawaiDetail } from '../../../api';
import { pegawaiApi } from '../api';
import { DateField, useDateProblemText } from '../../../components/DateField';
import { dateProblem, todayIso, type DateProblem } from '../../../lib/date';
import { enumLabel } from '../../../lib/enumLabel';
import { splitSubmitError } from '../../../lib/formErrors';
import { notifyOk } from '../../../lib/notify';
import { useJabatan, useOPDs, useOPDTree, useRefLabel, useRefOptions } from '../../../lib/queries';
import { unitOptions } from '../../../lib/tree';

/** Form state: selects hold strings; numbers are converted on submit. */
export interface PegawaiFormValues {
  nip: string;
  gelarDepan: string;
  nama: string;
  gelarBelakang: string;
  jenisKelamin: string;
  tempatLahir: string;
  tanggalLahir: string;
  status: string;
  golongan: string;
  golonganPppk: string;
  pendidikan: string;
  jurusan: string;
  opdId: string;
  unitId: string;
  jabatanId: string;
  tmtJabatan: string;
  tmtCpns: string;
  tmtPns: string;
}

/** The JSON names of domain.Pegawai this form has an input for. */
export const PEGAWAI_FIELDS: readonly (keyof PegawaiFormValues)[] = [
  'nip',
  'gelarDepan',
  'nama',
  'gelarBelakang',
  'jenisKelamin',
  'tempatLahir',
  'tanggalLahir',
  'status',
  'golongan',
  'golonganPppk',
  'pendidikan',
  'jurusan',
  'opdId',
  'unitId',
  'jabatanId',
  'tmtJabatan',
  'tmtCpns',
  'tmtPns',
];

const numStr = (n: number) => (n ? String(n) : '');

/** The date inputs; tanggalLahir and tmtJabatan may not be after today. */
const DATE_FIELDS = ['tanggalLahir', 'tmtCpns', 'tmtPns', 'tmtJabatan'] as const;

/** Field → message for each date the form cannot send (unreadable, impossible, in the future). */
export function dateErrors(
  v: PegawaiFormValues,
  today: string,
  text: (p: DateProblem | 'futureBirth') => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of DATE_FIELDS) {
    const notAfter = f === 'tanggalLahir' || f === 'tmtJabatan' ? today : undefined;
    const p = dateProblem(v[f], notAfter);
    if (p) out[f] = text(p === 'future' && f === 'tanggalLahir' ? 'futureBirth' : p);
  }
  return out;
}

export function toFormValues(p: Pegawai | null): PegawaiFormValues {
  return {
    nip: p?.nip ?? '',
    gelarDepan: p?.gelarDepan ?? '',
    nama: p?.nama ?? '',
    gelarBelakang: p?.gelarBelakang ?? '',
    jenisKelamin: p?.jenisKelamin ?? '',
    tempatLahir: p?.tempatLahir ?? '',
    tanggalLahir: p?.tanggalLahir ?? '',
    status: p?.status ?? '',
    golongan: numStr(p?.golongan ?? 0),
    golonganPppk: numStr(p?.golonganPppk ?? 0),
    pendidikan: numStr(p?.pendidikan ?? 0),
    jurusan: p?.jurusan ?? '',
    opdId: p?.opdId ?? '',
    unitId: p?.unitId ?? '',
    jabatanId: p?.jabatanId ?? '',
    tmtJabatan: p?.tmtJabatan ?? '',
    tmtCpns: p?.tmtCpns ?? '',
    tmtPns: p?.tmtPns ?? '',
  };
}

export function toPegawai(id: string, raw: PegawaiFormValues): Pegawai {
  // A cleared Mantine Select yields null; the backend expects "".
  const v = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, x ?? ''])) as unknown as PegawaiFormValues;
  const pppk = v.status === 'PPPK';
  return {
    id,
    nip: v.nip.replace(/\s+/g, ''),
    nama: v.nama.trim(),
    gelarDepan: v.gelarDepan.trim(),
    gelarBelakang: v.gelarBelakang.trim(),
    jenisKelamin: v.jenisKelamin,
    tempatLahir: v.tempatLahir.trim(),
    tanggalLahir: v.tanggalLahir,
    status: v.status,
    // Only the ladder of the chosen status is shown, so only it is sent.
    golongan: pppk ? 0 : Number(v.golongan) || 0,
    golonganPppk: pppk ? Number(v.golonganPppk) || 0 : 0,
    pendidikan: Number(v.pendidikan) || 0,
    jurusan: v.jurusan.trim(),
    opdId: v.opdId,
    unitId: v.unitId,
    jabatanId: v.jabatanId,
    tmtJabatan: v.tmtJabatan,
    tmtCpns: v.tmtCpns,
    tmtPns: pppk ? '' : v.tmtPns,
    // Empty: the store keeps the stored leaving date; only the mutasi workflow sets it.
    keluarPada: '',
    instansiTujuan: '',
  };
}

interface Props {
  initial: Pegawai | null;
  onClose: () => void;
  onSaved: (d: PegawaiDetail) => void;
}

export function PegawaiFormModal({ initial, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<PegawaiFormValues>({ initialValues: toFormValues(initial) });

  const opds = useOPDs();
  const tree = useOPDTree(form.values.opdId || null);
  const jabatan = useJabatan();
  const jenisLabel = useRefLabel('jenisJabatan');
  const statusOptions = useRefOptions('status');
  const golOptions = useRefOptions('golongan');
  const pppkOptions = useRefOptions('golonganPppk');
  const pendOptions = useRefOptions('pendidikan');

  const opdOptions = useMemo(() => (opds.data ?? []).map((o) => ({ value: o.id, label: o.nama })), [opds.data]);
  const units = useMemo(() => unitOptions(tree.data?.units), [tree.data]);
  const jabOptions = useMemo(
    () =>
      (jabatan.data ?? []).map((j) => ({
        value: j.id,
        label: `${j.nama} · ${jenisLabel(j.jenis)}${j.kelas ? ` · ${t('jabatan.kelasShort', { n: j.kelas })}` : ''}`,
      })),
    [jabatan.data, jenisLabel, t],
  );
  const genderOptions = ['L', 'P'].map((g) => ({ value: g, label: enumLabel('gender', g) }));

  const save = useMutation({
    mutationFn: (values: PegawaiFormValues) => pegawaiApi.savePegawai(toPegawai(initial?.id ?? '', values)),
    onSuccess: async (d) => {
      notifyOk(initial ? t('pegawaiForm.updated', { nama: d.namaLengkap }) : t('pegawaiForm.created', { nama: d.namaLengkap }));
      await qc.invalidateQueries();
      onSaved(d);
    },
    onError: (e) => {
      const s = splitSubmitError(e, PEGAWAI_FIELDS, i18n.language);
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  const pppk = form.values.status === 'PPPK';
  const today = todayIso();
  const dateText = useDateProblemText();

  return (
    <Modal
      opened
      onClose={onClose}
      size={820}
      title={initial ? t('pegawaiForm.editTitle', { nama: initial.nama }) : t('pegawaiForm.createTitle')}
      closeOnClickOutside={false}
      data-testid="pegawai-form"
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setGeneral(null);
          const bad = dateErrors(values, today, dateText);
          if (Object.keys(bad).length > 0) {
            form.setErrors(bad);
            return;
          }
          save.mutate(values);
        })}
      >
        {general && (
          <Alert color="red" mb="sm" data-testid="form-error">
            {general}
          </Alert>
        )}
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
          <TextInput
            label={t('field.nip')}
            required
            classNames={{ input: 'mono' }}
            inputMode="numeric"
            {...form.getInputProps('nip')}
            data-testid="input-nip"
          />
          <TextInput label={t('field.gelarDepan')} {...form.getInputProps('gelarDepan')} />
          <TextInput label={t('field.gelarBelakang')} {...form.getInputProps('gelarBelakang')} />
        </SimpleGrid>
        <TextInput mt="xs" label={t('field.nama')} required {...form.getInputProps('nama')} data-testid="input-nama" />
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" mt="xs">
          <Select label={t('field.jenisKelamin')} required data={genderOptions} {...form.getInputProps('jenisKelamin')} />
          <TextInput label={t('field.tempatLahir')} {...form.getInputProps('tempatLahir')} />
          <DateField
            label={t('field.tanggalLahir')}
            required
            notAfter={today}
            futureMessage={t('common.date.futureBirth')}
            {...form.getInputProps('tanggalLahir')}
            data-testid="input-tanggal-lahir"
          />
        </SimpleGrid>
        <Divider my="sm" label={t('pegawaiForm.kepegawaian')} labelPosition="left" />
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
          <Select label={t('field.status')} required data={statusOptions} {...form.getInputProps('status')} />
          {pppk ? (
            <Select label={t('field.golonganPppk')} data={pppkOptions} {...form.getInputProps('golonganPppk')} />
          ) : (
            <Select label={t('field.golongan')} data={golOptions} searchable {...form.getInputProps('golongan')} />
          )}
          <Select label={t('field.pendidikan')} data={pendOptions} searchable {...form.getInputProps('pendidikan')} />
          <TextInput label={t('field.jurusan')} {...form.getInputProps('jurusan')} />
          <DateField label={t('field.tmtCpns')} {...form.getInputProps('tmtCpns')} data-testid="input-tmt-cpns" />
          {!pppk && <DateField label={t('field.tmtPns')} {...form.getInputProps('tmtPns')} data-testid="input-tmt-pns" />}
        </SimpleGrid>
        <Divider my="sm" label={t('pegawaiForm.penempatan')} labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <Select
            label={t('field.opdId')}
            required
            data={opdOptions}
            searchable
            {...form.getInputProps('opdId')}
            onChange={(val) => {
              form.setFieldValue('opdId', val ?? '');
              form.setFieldValue('unitId', '');
            }}
            data-testid="input-opd"
          />
          <Select
            label={t('field.unitId')}
            required
            data={units}
            searchable
            disabled={!form.values.opdId}
            placeholder={form.values.opdId ? undefined : t('pegawaiForm.pickOpdFirst')}
            {...form.getInputProps('unitId')}
          />
          <Select
            label={t('field.jabatanId')}
            required
            data={jabOptions}
            searchable
            limit={200}
            {...form.getInputProps('jabatanId')}
          />
          <DateField
            label={t('field.tmtJabatan')}
            required
            notAfter={today}
            {...form.getInputProps('tmtJabatan')}
            data-testid="input-tmt-jabatan"
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="btn-save-pegawai">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
