import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, toAppError, type User } from '../api';
import { useRoleLabel, useCurrentUser, useTransferRoles } from '../lib/mutasi';
import { notifyOk } from '../lib/notify';
import { useOPDs } from '../lib/queries';

/** A stable user id per role and OPD, so that each switch is a different person to the workflow. */
export function userIdFor(role: string, opdId: string): string {
  return `u-${role.toLowerCase()}${opdId ? `-${opdId}` : ''}`;
}

/**
 * The current user (interim, until accounts exist): name, role and OPD in the
 * header; changing them calls SetCurrentUser. What the role may do is decided
 * by the backend (the `allowed` list of a request).
 */
export function UserSwitcher() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const roleLabel = useRoleLabel();
  const opds = useOPDs();
  const [open, setOpen] = useState(false);
  const u = user.data;
  const opd = opds.data?.find((o) => o.id === u?.opdId);

  return (
    <>
      <UnstyledButton onClick={() => setOpen(true)} data-testid="user-switch" aria-label={t('user.switch')}>
        <Group gap={6} wrap="nowrap">
          <IconUserCircle size={22} stroke={1.5} />
          <div style={{ lineHeight: 1.1 }}>
            <Text size="sm" fw={600} truncate maw={220} data-testid="user-nama">
              {u?.nama || t('user.none')}
            </Text>
            <Text size="xs" c="dimmed" truncate maw={220} data-testid="user-role" data-role={u?.role ?? ''}>
              {u ? [roleLabel(u.role), opd?.singkatan || opd?.nama].filter(Boolean).join(' · ') : ''}
            </Text>
          </div>
        </Group>
      </UnstyledButton>
      {open && <UserModal current={u ?? null} onClose={() => setOpen(false)} />}
    </>
  );
}

function UserModal({ current, onClose }: { current: User | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const roles = useTransferRoles();
  const roleLabel = useRoleLabel();
  const opds = useOPDs();
  const [role, setRole] = useState<string | null>(current?.role || null);
  const [opdId, setOpdId] = useState<string | null>(current?.opdId || null);
  const [nama, setNama] = useState(current?.nama ?? '');
  const [namaTouched, setNamaTouched] = useState(false);
  const en = i18n.language.startsWith('en');

  const opdOptions = useMemo(
    () => (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama })),
    [opds.data],
  );
  const roleOptions = useMemo(
    () => (roles.data ?? []).map((o) => ({ value: o.value, label: en ? o.labelEn || o.label : o.label })),
    [roles.data, en],
  );
  // The name follows role and OPD until the user types one.
  const autoName = role ? [roleLabel(role), opds.data?.find((x) => x.id === opdId)?.singkatan].filter(Boolean).join(' ') : '';
  const namaValue = namaTouched ? nama : autoName || nama;

  const save = useMutation({
    mutationFn: () =>
      api.setCurrentUser({
        id: userIdFor(role ?? '', opdId ?? ''),
        nama: namaValue.trim(),
        role: role ?? '',
        opdId: opdId ?? '',
        pegawaiId: current?.role === role && current?.opdId === (opdId ?? '') ? (current?.pegawaiId ?? '') : '',
      }),
    onSuccess: async (u) => {
      qc.setQueryData(['user', 'current'], u);
      notifyOk(t('user.saved', { nama: u.nama, role: roleLabel(u.role) }));
      onClose();
      await qc.invalidateQueries();
    },
  });
  const err = save.isError ? toAppError(save.error) : null;
  const fieldErr = err?.fieldMessages(i18n.language) ?? {};

  return (
    <Modal opened onClose={onClose} title={t('user.title')} size="md">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('user.hint')}
        </Text>
        <Select
          label={t('user.role')}
          data={roleOptions}
          value={role}
          onChange={(r) => {
            // Another role is another person: choose the OPD again (BKPSDM roles act for the whole Pemda).
            if (r !== role) setOpdId(null);
            setRole(r);
          }}
          data-testid="user-role-select"
          error={fieldErr.role}
          allowDeselect={false}
        />
        {role && (
          <Text size="xs" c="dimmed" data-testid="user-role-hint">
            {t(`user.roleHint.${role}`, { defaultValue: '' })}
          </Text>
        )}
        <Select
          label={t('user.opd')}
          placeholder={t('user.opdNone')}
          data={opdOptions}
          value={opdId}
          onChange={setOpdId}
          searchable
          clearable
          allowDeselect={false}
          data-testid="user-opd-select"
          error={fieldErr.opdId}
        />
        <TextInput
          label={t('user.nama')}
          value={namaValue}
          onChange={(e) => {
            setNamaTouched(true);
            setNama(e.currentTarget.value);
          }}
          data-testid="user-nama-input"
          error={fieldErr.nama}
        />
        {err && Object.keys(fieldErr).length === 0 && (
          <Alert color="red" data-testid="user-error">
            {err.text(i18n.language)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!role} data-testid="btn-user-save">
            {t('user.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
