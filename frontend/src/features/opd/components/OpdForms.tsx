import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type OPD, type Unit, type UnitNode } from '../../../api';
import { splitSubmitError } from '../../../lib/formErrors';
import { notifyOk } from '../../../lib/notify';
import { useRefOptions } from '../../../lib/queries';
import { flattenUnits } from '../../../lib/tree';

const OPD_FIELDS = ['kode', 'nama', 'singkatan', 'jenis', 'alamat'] as const;

export function OpdFormModal({ initial, onClose, onSaved }: { initial: OPD | null; onClose: () => void; onSaved: (o: OPD) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const jenisOptions = useRefOptions('jenisOpd');
  const form = useForm({
    initialValues: {
      kode: initial?.kode ?? '',
      nama: initial?.nama ?? '',
      singkatan: initial?.singkatan ?? '',
      jenis: initial?.jenis ?? '',
      alamat: initial?.alamat ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.saveOPD({
        id: initial?.id ?? '',
        pemdaId: initial?.pemdaId ?? '',
        kode: v.kode.trim(),
        nama: v.nama.trim(),
        singkatan: v.singkatan.trim(),
        jenis: v.jenis ?? '',
        alamat: v.alamat.trim(),
      }),
    onSuccess: async (o) => {
      notifyOk(t('opd.saved', { nama: o.nama }));
      await qc.invalidateQueries();
      onSaved(o);
    },
    onError: (e) => {
      const s = splitSubmitError(e, OPD_FIELDS, i18n.language);
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  return (
    <Modal opened onClose={onClose} size={620} title={initial ? t('opd.editTitle') : t('opd.createTitle')} data-testid="opd-form">
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
          <TextInput label={t('field.singkatan')} {...form.getInputProps('singkatan')} />
          <Select label={t('field.jenisOpd')} required data={jenisOptions} {...form.getInputProps('jenis')} />
        </SimpleGrid>
        <TextInput mt="xs" label={t('field.namaOpd')} required {...form.getInputProps('nama')} />
        <Textarea mt="xs" label={t('field.alamat')} autosize minRows={2} {...form.getInputProps('alamat')} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="btn-save-opd">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

const UNIT_FIELDS = ['kode', 'nama', 'parentId'] as const;

/** Units that may become the parent of `self`: every unit except itself and its descendants. */
function parentCandidates(units: UnitNode[] | null | undefined, selfId: string | undefined) {
  const out: { value: string; label: string }[] = [];
  let skipDepth = -1;
  for (const { node, depth } of flattenUnits(units)) {
    if (skipDepth >= 0 && depth > skipDepth) continue;
    skipDepth = -1;
    if (selfId && node.id === selfId) {
      skipDepth = depth;
      continue;
    }
    out.push({ value: node.id, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${depth > 0 ? '└ ' : ''}${node.nama}` });
  }
  return out;
}

export function UnitFormModal({
  opdId,
  initial,
  parentId,
  units,
  onClose,
}: {
  opdId: string;
  initial: Unit | null;
  parentId: string;
  units: UnitNode[] | null | undefined;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const parents = useMemo(() => parentCandidates(units, initial?.id), [units, initial?.id]);
  const form = useForm({
    initialValues: { kode: initial?.kode ?? '', nama: initial?.nama ?? '', parentId: initial?.parentId ?? parentId },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.saveUnit({ id: initial?.id ?? '', opdId, parentId: v.parentId ?? '', kode: v.kode.trim(), nama: v.nama.trim() }),
    onSuccess: async (u) => {
      notifyOk(t('unit.saved', { nama: u.nama }));
      await qc.invalidateQueries();
      onClose();
    },
    onError: (e) => {
      const s = splitSubmitError(e, UNIT_FIELDS, i18n.language);
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  return (
    <Modal opened onClose={onClose} size={560} title={initial ? t('unit.editTitle') : t('unit.createTitle')} data-testid="unit-form">
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
        <Select
          label={t('field.parentId')}
          placeholder={t('unit.topLevel')}
          data={parents}
          clearable
          searchable
          {...form.getInputProps('parentId')}
        />
        <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" mt="xs">
          <TextInput label={t('field.kode')} required {...form.getInputProps('kode')} />
          <div style={{ gridColumn: 'span 2' }}>
            <TextInput label={t('field.namaUnit')} required {...form.getInputProps('nama')} />
          </div>
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="btn-save-unit">
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
