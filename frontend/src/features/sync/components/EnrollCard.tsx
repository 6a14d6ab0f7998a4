import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Code, CopyButton, Divider, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { enrollApi, syncApi, type EnrollCode } from '../api';
import { splitSubmitError } from '../../../lib/formErrors';
import { notifyError, notifyOk } from '../../../lib/notify';
import { useCan } from '../../auth';
import { syncKeys } from '../../../api/queryKeys';
import { whenText } from './conflictText';

/** Enrollment on the Sinkronisasi page: this device's credential (enroll, re-enroll, rotate) and, for a BKPSDM admin on a BKPSDM device, one-time codes for other devices. */
export function EnrollCard() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const canAkun = useCan('AKUN');
  const canAturan = useCan('ATURAN');
  const q = useQuery({ queryKey: syncKeys.settings, queryFn: syncApi.settings });
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [open, setOpen] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: syncKeys.all });
  const enroll = useMutation({
    mutationFn: () => enrollApi.enroll(serverUrl || 'https://', code),
    onSuccess: () => {
      notifyOk(t('enroll.done'), 'enroll-done');
      setCode('');
      setOpen(false);
    },
    onSettled: refresh,
  });
  const rotate = useMutation({
    mutationFn: enrollApi.rotate,
    onSuccess: () => notifyOk(t('enroll.rotated'), 'enroll-rotated'),
    onError: (e) => notifyError(e),
    onSettled: refresh,
  });
  const s = q.data;
  const enrolled = !!s?.enrolledOpd;
  const split = enroll.error ? splitSubmitError(enroll.error, ['serverUrl', 'token'], i18n.language) : null;
  const showForm = !enrolled || open;
  return (
    <Card withBorder data-testid="sync-enroll">
      <Title order={4} mb="sm">
        {t('enroll.heading')}
      </Title>
      <Stack gap="sm">
        {enrolled ? (
          <>
            <Text fw={600} data-testid="enroll-status">
              {t('enroll.enrolledAs', { opd: s?.enrolledOpd })}
            </Text>
            {s?.tokenExpires && (
              <Text size="sm">{t('enroll.expires', { when: whenText(s.tokenExpires, i18n.language) })}</Text>
            )}
            {s?.caFingerprint && (
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                {t('enroll.fingerprint')}: {s.caFingerprint}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" data-testid="enroll-status">
            {t('enroll.notEnrolled')}
          </Text>
        )}
        {showForm && canAkun && (
          <>
            <Text size="sm" c="dimmed">
              {t('enroll.text')}
            </Text>
            <TextInput
              label={t('enroll.code')}
              description={t('enroll.codeHint')}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={split?.fields.token}
              data-testid="enroll-code"
            />
            <TextInput
              label={t('enroll.serverUrl')}
              description={t('enroll.serverUrlHint')}
              value={serverUrl}
              onChange={(e) => setServerUrl(e.currentTarget.value)}
              error={split?.fields.serverUrl}
              data-testid="enroll-server-url"
            />
            {split?.general && (
              <Alert color="red" data-testid="enroll-error">
                {split.general}
              </Alert>
            )}
          </>
        )}
        <Group>
          {showForm && canAkun && (
            <Button onClick={() => enroll.mutate()} loading={enroll.isPending} disabled={!code.trim()} data-testid="enroll-submit">
              {t('enroll.submit')}
            </Button>
          )}
          {enrolled && !open && canAkun && (
            <Button variant="default" onClick={() => setOpen(true)} data-testid="enroll-again">
              {t('enroll.reenroll')}
            </Button>
          )}
          {enrolled && canAturan && (
            <Button variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending} data-testid="enroll-rotate">
              {t('enroll.rotate')}
            </Button>
          )}
        </Group>
        {canAkun && s?.enrolledOpd === 'BKPSDM' && <NewCode />}
      </Stack>
    </Card>
  );
}

function NewCode() {
  const { t, i18n } = useTranslation();
  const [opd, setOpd] = useState('');
  const [bkpsdm, setBkpsdm] = useState(false);
  const [ttl, setTtl] = useState(72);
  const [made, setMade] = useState<EnrollCode | null>(null);
  const create = useMutation({
    mutationFn: () => enrollApi.createCode(opd, bkpsdm, ttl),
    onSuccess: setMade,
  });
  const split = create.error ? splitSubmitError(create.error, ['opdKode', 'ttlHours'], i18n.language) : null;
  return (
    <>
      <Divider label={t('enroll.newCode.heading')} labelPosition="left" />
      <Text size="sm" c="dimmed">
        {t('enroll.newCode.text')}
      </Text>
      <Group align="flex-start" grow>
        <TextInput
          label={t('enroll.newCode.opd')}
          value={opd}
          disabled={bkpsdm}
          onChange={(e) => setOpd(e.currentTarget.value)}
          error={split?.fields.opdKode}
          data-testid="enroll-new-opd"
        />
        <NumberInput label={t('enroll.newCode.ttl')} value={ttl} min={1} max={720} onChange={(v) => setTtl(Number(v) || 72)} error={split?.fields.ttlHours} />
      </Group>
      <Checkbox label={t('enroll.newCode.bkpsdm')} checked={bkpsdm} onChange={(e) => setBkpsdm(e.currentTarget.checked)} data-testid="enroll-new-bkpsdm" />
      {split?.general && (
        <Alert color="red" data-testid="enroll-new-error">
          {split.general}
        </Alert>
      )}
      <Group>
        <Button variant="light" onClick={() => create.mutate()} loading={create.isPending} data-testid="enroll-new-create">
          {t('enroll.newCode.create')}
        </Button>
      </Group>
      {made && (
        <Stack gap={4} data-testid="enroll-new-result">
          <Text size="sm">{t('enroll.newCode.result', { when: whenText(made.expiresAt, i18n.language) })}</Text>
          <Text fw={700} ff="monospace" size="lg" data-testid="enroll-new-code">
            {made.code}
          </Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="enroll-new-string">
            {made.enrollment}
          </Code>
          <CopyButton value={made.enrollment}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy} w="fit-content">
                {copied ? t('enroll.newCode.copied') : t('enroll.newCode.copy')}
              </Button>
            )}
          </CopyButton>
        </Stack>
      )}
    </>
  );
}
