import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { OPD, Unit, UnitNode } from '../../../api';
import { opdApi } from '../api';
import { EntityFormModal, type FieldSpec } from '../../../components/crud';
import { useRefOptions } from '../../../lib/queries';
import { flattenUnits } from '../../../lib/tree';

type OpdValues = { kode: string; nama: string; singkatan: string; jenis: string; alamat: string };

export function OpdFormModal({ initial, onClose, onSaved }: { initial: OPD | null; onClose: () => void; onSaved: (o: OPD) => void }) {
  const { t } = useTranslation();
  const jenisOptions = useRefOptions('jenisOpd');
  const fields: FieldSpec<OpdValues>[] = [
    { name: 'kode', label: t('field.kode'), kind: 'text', required: true },
    { name: 'singkatan', label: t('field.singkatan'), kind: 'text' },
    { name: 'jenis', label: t('field.jenisOpd'), kind: 'select', data: jenisOptions, required: true },
    { name: 'nama', label: t('field.namaOpd'), kind: 'text', required: true, span: 3 },
    { name: 'alamat', label: t('field.alamat'), kind: 'textarea', span: 3 },
  ];
  return (
    <EntityFormModal<OpdValues, OPD>
      title={initial ? t('opd.editTitle') : t('opd.createTitle')}
      testId="opd-form"
      saveTestId="btn-save-opd"
      size={620}
      initialValues={{
        kode: initial?.kode ?? '',
        nama: initial?.nama ?? '',
        singkatan: initial?.singkatan ?? '',
        jenis: initial?.jenis ?? '',
        alamat: initial?.alamat ?? '',
      }}
      fields={fields}
      save={(v) =>
        opdApi.saveOPD({
          id: initial?.id ?? '',
          pemdaId: initial?.pemdaId ?? '',
          kode: v.kode.trim(),
          nama: v.nama.trim(),
          singkatan: v.singkatan.trim(),
          jenis: v.jenis ?? '',
          alamat: v.alamat.trim(),
        })
      }
      savedText={(o) => t('opd.saved', { nama: o.nama })}
      onSaved={onSaved}
      onClose={onClose}
    />
  );
}

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

type UnitValues = { kode: string; nama: string; parentId: string };

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
  const { t } = useTranslation();
  const parents = useMemo(() => parentCandidates(units, initial?.id), [units, initial?.id]);
  const fields: FieldSpec<UnitValues>[] = [
    {
      name: 'parentId',
      label: t('field.parentId'),
      kind: 'select',
      data: parents,
      placeholder: t('unit.topLevel'),
      clearable: true,
      searchable: true,
      span: 3,
    },
    { name: 'kode', label: t('field.kode'), kind: 'text', required: true },
    { name: 'nama', label: t('field.namaUnit'), kind: 'text', required: true, span: 2 },
  ];
  return (
    <EntityFormModal<UnitValues, Unit>
      title={initial ? t('unit.editTitle') : t('unit.createTitle')}
      testId="unit-form"
      saveTestId="btn-save-unit"
      size={560}
      initialValues={{ kode: initial?.kode ?? '', nama: initial?.nama ?? '', parentId: initial?.parentId ?? parentId }}
      fields={fields}
      save={(v) => opdApi.saveUnit({ id: initial?.id ?? '', opdId, parentId: v.parentId ?? '', kode: v.kode.trim(), nama: v.nama.trim() })}
      savedText={(u) => t('unit.saved', { nama: u.nama })}
      onSaved={onClose}
      onClose={onClose}
    />
  );
}
