import { useState } from 'react';
import { Alert, Button, Card, Center, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api';
import { notifyOk } from '../../../lib/notify';
import { splitSubmitError } from '../../../lib/formErrors';
import { authKeys } from '../../../api/queryKeys';
import { sessionChanged } from '../session';

const FIELDS = ['oldPassword', 'password'] as const;

/** The own-password change: old, new, repeated. */
export function PasswordForm({ onDone, onCancel }: { onDone?: () => void; onCancel?: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({ oldPassword: '', password: '', password2: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => authApi.changePassword(v.oldPassword, v.password),
    onSuccess: async (s) => {
      qc.setQueryData(authKeys.session, s);
      notifyOk(t('akun.password.changed'), 'password-changed');
      await qc.invalidateQueries();
      onDone?.();
    },
    onError: (e) => {
      const s = splitSubmitError(e, FIELDS, i18n.language);
      setErrors(s.fields);
      setGeneral(s.general);
    },
  });
  return (
    <form
      data-testid="password-form"
      onSubmit={(e) => {
        e.preventDefault();
        setGeneral(null);
        if (v.password !== v.password2) {
          setErrors({ password2: t('akun.password.mismatch') });
          return;
        }
        setErrors({});
        change.mutate();
      }}
    >
      <Stack>
        {general && <Alert color="red">{general}</Alert>}
        <PasswordInput
          label={t('akun.password.old')}
          value={v.oldPassword}
          error={errors.oldPassword}
          onChange={(e) => setV({ ...v, oldPassword: e.currentTarget.value })}
          data-testid="input-old-password"
        />
        <PasswordInput
          label={t('akun.password.new')}
          description={t('akun.password.rule')}
          value={v.password}
          error={errors.password}
          onChange={(e) => setV({ ...v, password: e.currentTarget.value })}
          data-testid="input-new-password"
        />
        <PasswordInput
          label={t('akun.password.repeat')}
          value={v.password2}
          error={errors.password2}
          onChange={(e) => setV({ ...v, password2: e.currentTarget.value })}
          data-testid="input-new-password2"
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={change.isPending} data-testid="btn-change-password">
            {t('akun.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Shown after an admin's reset: the password must be changed before anything else. */
export function MustChangePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <Center component="main" mih="100vh" p="md" data-testid="must-change">
      <Card withBorder padding="xl" w={460}>
        <Stack>
          <Title order={1} size="h2">{t('akun.password.mustTitle')}</Title>
          <Text size="sm">{t('akun.password.mustBody')}</Text>
          <PasswordForm
            onCancel={() => {
              void authApi.logout().then(() => sessionChanged(qc));
            }}
          />
        </Stack>
      </Card>
    </Center>
  );
}
