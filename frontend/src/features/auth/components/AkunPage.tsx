import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi, type AccountPolicy, type Akun, type NewAkun } from '../api';
import { useAccountPolicy, useUsers } from '../queries';
import { ROLES } from '../../../api';
import { notifyError, notifyOk } from '../../../lib/notify';
import { splitSubmitError } from '../../../lib/formErrors';
import { useOPDs, useRoleLabel } from '../../../lib/queries';
import { authKeys } from '../../../api/queryKeys';
import { ActionsTh } from '../../../components/ActionsTh';

const OPD_BOUND = ['OPERATOR_OPD', 'KEPALA_OPD'];
const FIELDS = ['username', 'nama', 'role', 'opdId', 'password'] as const;

/** User management (PPK/Admin BKPSDM): accounts, roles, OPD, reset, the lockout and auto-lock policy. */
export function AkunPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const opds = useOPDs();
  const roleLabel = useRoleLabel();
  const [edit, setEdit] = useState<Akun | 'new' | null>(null);
  const [reset, setReset] = useState<Akun | null>(null);
  const opdName = (id: string) => opds.data?.find((o) => o.id === id)?.singkatan ?? '';

  return (
    <Stack data-testid="akun-page">
      <Group justify="space-between">
        <Title order={1} size="h2">{t('akun.page.title')}</Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEdit('new')} data-testid="btn-user-add">
          {t('akun.page.add')}
        </Button>
      </Group>
      {users.isError && <Alert color="red">{String(users.error)}</Alert>}
      <Table striped highlightOnHover data-testid="user-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('akun.field.username')}</Table.Th>
            <Table.Th>{t('akun.field.nama')}</Table.Th>
            <Table.Th>{t('akun.field.role')}</Table.Th>
            <Table.Th>{t('akun.field.opd')}</Table.Th>
            <Table.Th>{t('akun.field.status')}</Table.Th>
            <ActionsTh />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id} data-testid="user-row" data-username={u.username}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.nama}</Table.Td>
              <Table.Td>{roleLabel(u.role)}</Table.Td>
              <Table.Td>{opdName(u.opdId)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.aktif ? <Badge color="teal" variant="light">{t('akun.status.aktif')}</Badge> : <Badge color="gray">{t('akun.status.nonaktif')}</Badge>}
                  {u.harusGanti && <Badge color="yellow" variant="light">{t('akun.status.harusGanti')}</Badge>}
                  {u.terkunciSampai && <Badge color="red" variant="light">{t('akun.status.terkunci')}</Badge>}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end">
                  <Button size="xs" variant="light" onClick={() => setEdit(u)}>
                    {t('common.edit')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setReset(u)} data-testid="btn-user-reset">
                    {t('akun.page.reset')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PolicyCard />
      {edit && <UserModal user={edit === 'new' ? null : edit} onClose={() => setEdit(null)} />}
      {reset && <ResetModal user={reset} onClose={() => setReset(null)} />}
    </Stack>
  );
}

function UserModal({ user, onClose }: { user: Akun | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const opds = useOPDs();
  const roleLabel = useRoleLabel();
  const [v, setV] = useState<NewAkun & { aktif: boolean }>({
    username: user?.username ?? '',
    nama: user?.nama ?? '',
    role: user?.role ?? '',
    opdId: user?.opdId ?? '',
    pegawaiId: user?.pegawaiId ?? '',
    password: '',
    aktif: user?.aktif ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const opdOptions = useMemo(
    () => (opds.data ?? []).map((o) => ({ value: o.id, label: o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama })),
    [opds.data],
  );
  const save = useMutation({
    mutationFn: () =>
      user
        ? authApi.updateUser({ ...user, nama: v.nama, role: v.role, opdId: v.opdId, aktif: v.aktif })
        : authApi.createUser({ username: v.username, nama: v.nama, role: v.role, opdId: v.opdId, pegawaiId: '', password: v.password }),
    onSuccess: async (u) => {
      notifyOk(t('akun.page.saved', { username: u.username }), 'user-saved');
      await qc.invalidateQueries({ queryKey: authKeys.users });
      await qc.invalidateQueries({ queryKey: authKeys.session });
      onClose();
    },
    onError: (e) => {
      const s = splitSubmitError(e, FIELDS, i18n.language);
      setErrors(s.fields);
      setGeneral(s.general);
    },
  });
  return (
    <Modal opened onClose={onClose} title={user ? t('akun.page.editTitle') : t('akun.page.add')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setGeneral(null);
          save.mutate();
        }}
      >
        <Stack>
          {general && <Alert color="red">{general}</Alert>}
          <TextInput
            label={t('akun.field.username')}
            value={v.username}
            disabled={!!user}
            error={errors.username}
            onChange={(e) => setV({ ...v, username: e.currentTarget.value })}
            data-testid="input-user-username"
          />
          <TextInput
            label={t('akun.field.nama')}
            value={v.nama}
            error={errors.nama}
            onChange={(e) => setV({ ...v, nama: e.currentTarget.value })}
            data-testid="input-user-nama"
          />
          <Select
            label={t('akun.field.role')}
            data={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
            value={v.role || null}
            error={errors.role}
            onChange={(r) => setV({ ...v, role: r ?? '' })}
            data-testid="select-user-role"
          />
          {OPD_BOUND.includes(v.role) && (
            <Select
              label={t('akun.field.opd')}
              data={opdOptions}
              searchable
              value={v.opdId || null}
              error={errors.opdId}
              onChange={(o) => setV({ ...v, opdId: o ?? '' })}
              data-testid="select-user-opd"
            />
          )}
          {user ? (
            <Switch label={t('akun.status.aktif')} checked={v.aktif} onChange={(e) => setV({ ...v, aktif: e.currentTarget.checked })} />
          ) : (
            <PasswordInput
              label={t('akun.field.password')}
              description={t('akun.password.rule')}
              value={v.password}
              error={errors.password}
              onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
              data-testid="input-user-password"
            />
          )}
          <Group justify="flex-end">
            <Button variant="subtle" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="btn-user-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: Akun; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [pw, setPw] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: () => authApi.resetUserPassword(user.id, pw),
    onSuccess: async () => {
      notifyOk(t('akun.page.resetDone', { username: user.username }));
      await qc.invalidateQueries({ queryKey: authKeys.users });
      onClose();
    },
    onError: (e) => setErr(splitSubmitError(e, [], i18n.language).general),
  });
  return (
    <Modal opened onClose={onClose} title={t('akun.page.resetTitle', { username: user.username })}>
      <Stack>
        <Text size="sm">{t('akun.page.resetBody')}</Text>
        {err && <Alert color="red">{err}</Alert>}
        <PasswordInput label={t('akun.password.new')} value={pw} onChange={(e) => setPw(e.currentTarget.value)} data-testid="input-reset-password" />
        <Group justify="flex-end">
          <Button onClick={() => reset.mutate()} loading={reset.isPending} data-testid="btn-reset-save">
            {t('akun.page.reset')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PolicyCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policy = useAccountPolicy();
  const [draft, setDraft] = useState<AccountPolicy | null>(null);
  const p = draft ?? policy.data;
  const save = useMutation({
    mutationFn: (v: AccountPolicy) => authApi.savePolicy(v),
    onSuccess: async () => {
      notifyOk(t('akun.policy.saved'));
      setDraft(null);
      await qc.invalidateQueries({ queryKey: authKeys.all });
    },
    onError: (e) => notifyError(e),
  });
  if (!p) return null;
  const num = (k: keyof AccountPolicy) => (x: string | number) => setDraft({ ...p, [k]: Number(x) || 0 });
  return (
    <Card withBorder data-testid="policy-card">
      <Stack>
        <Title order={4}>{t('akun.policy.title')}</Title>
        <Group grow>
          <NumberInput label={t('akun.policy.maxAttempts')} min={1} max={100} value={p.maxAttempts} onChange={num('maxAttempts')} />
          <NumberInput label={t('akun.policy.lockMinutes')} min={1} max={1440} value={p.lockMinutes} onChange={num('lockMinutes')} />
          <NumberInput label={t('akun.policy.idleMinutes')} description={t('akun.policy.idleHint')} min={0} max={1440} value={p.idleMinutes} onChange={num('idleMinutes')} />
        </Group>
        <Group justify="flex-end">
          <Button disabled={!draft} loading={save.isPending} onClick={() => draft && save.mutate(draft)}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
