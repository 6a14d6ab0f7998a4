import { useState } from 'react';
import { Group, Menu, Modal, Text, UnstyledButton } from '@mantine/core';
import { IconKey, IconLock, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api';
import { notifyError } from '../../../lib/notify';
import { useRoleLabel } from '../../../lib/queries';
import { PasswordForm } from './PasswordForm';
import { authKeys } from '../../../api/queryKeys';
import { sessionChanged, useSession } from '../session';

/** The logged-in user in the header (name, role, OPD) with password change, lock and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const session = useSession();
  const roleLabel = useRoleLabel();
  const [pwOpen, setPwOpen] = useState(false);
  const s = session.data;
  if (!s?.loggedIn) return null;
  const u = s.user;

  const lock = () =>
    authApi
      .lock()
      .then(() => qc.invalidateQueries({ queryKey: authKeys.session }))
      .catch(notifyError);
  const logout = () =>
    authApi
      .logout()
      .then(() => sessionChanged(qc))
      .catch(notifyError);

  return (
    <>
      <Menu position="bottom-end" withArrow>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu">
            <Group gap={6} wrap="nowrap">
              <IconUserCircle size={22} stroke={1.5} />
              <div style={{ lineHeight: 1.1 }}>
                <Text size="sm" fw={600} truncate maw={180} data-testid="user-nama" data-username={u.username}>
                  {u.nama}
                </Text>
                <Text size="xs" c="dimmed" truncate maw={180} data-testid="user-role" data-role={u.role}>
                  {[roleLabel(u.role), s.opdNama].filter(Boolean).join(' · ')}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{u.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setPwOpen(true)} data-testid="btn-open-password">
            {t('akun.menu.password')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={() => void lock()} data-testid="btn-lock">
            {t('akun.menu.lock')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void logout()} data-testid="btn-logout">
            {t('akun.menu.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={pwOpen} onClose={() => setPwOpen(false)} title={t('akun.menu.password')}>
        <PasswordForm onDone={() => setPwOpen(false)} onCancel={() => setPwOpen(false)} />
      </Modal>
    </>
  );
}
