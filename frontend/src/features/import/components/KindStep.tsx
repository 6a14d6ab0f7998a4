import { Alert, Button, Group, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconFolderOpen } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { abkApi } from '../../abk';
import { importApi, type ImportKind } from '../api';
import { qk } from '../../../api/queryKeys';
import { runExport } from '../../../lib/exports';
import type { ImportAction, ImportState } from './importState';

/** Step 0: what to import (and into which draft ABK), a template, the file. */
export function KindStep({ state, dispatch, onChoose }: { state: ImportState; dispatch: (a: ImportAction) => void; onChoose: () => void }) {
  const { t } = useTranslation();
  const { kind, abkId, busy } = state;
  const abks = useQuery({ queryKey: qk.abkList, queryFn: abkApi.listABK, enabled: kind === 'abk' });
  const drafts = (abks.data ?? []).filter((a) => a.status === 'DRAFT');
  return (
    <Stack maw={720}>
      <Radio.Group value={kind} onChange={(v) => dispatch({ type: 'kind', kind: v as ImportKind })} label={t('impor.kind')}>
        <SimpleGrid cols={2} mt="xs">
          <Radio.Card value="pegawai" p="md" radius="sm" data-testid="kind-pegawai">
            <Group wrap="nowrap" align="flex-start">
              <Radio.Indicator />
              <div>
                <Text fw={600}>{t('impor.kindPegawai')}</Text>
                <Text size="xs" c="dimmed">
                  {t('impor.kindPegawaiHint')}
                </Text>
              </div>
            </Group>
          </Radio.Card>
          <Radio.Card value="abk" p="md" radius="sm" data-testid="kind-abk">
            <Group wrap="nowrap" align="flex-start">
              <Radio.Indicator />
              <div>
                <Text fw={600}>{t('impor.kindAbk')}</Text>
                <Text size="xs" c="dimmed">
                  {t('impor.kindAbkHint')}
                </Text>
              </div>
            </Group>
          </Radio.Card>
        </SimpleGrid>
      </Radio.Group>
      {kind === 'abk' &&
        (drafts.length === 0 && !abks.isPending ? (
          <Alert color="orange">{t('impor.noDraft')}</Alert>
        ) : (
          <Select
            w={320}
            label={t('impor.abkTarget')}
            description={t('impor.abkTargetHint')}
            placeholder={t('impor.abkNewestDraft')}
            data={drafts.map((a) => ({ value: a.id, label: `${a.tahun} — ${t('abk.status.DRAFT')}` }))}
            value={abkId}
            onChange={(v) => dispatch({ type: 'abk', abkId: v })}
            clearable
          />
        ))}
      <Group>
        <Button leftSection={<IconFolderOpen size={16} />} loading={busy === 'preview'} onClick={onChoose} data-testid="btn-choose-file">
          {t('impor.choose')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={() => void runExport(() => importApi.saveTemplate(kind))}
          data-testid={`btn-template-${kind}`}
        >
          {kind === 'abk' ? t('impor.templateAbk') : t('impor.templatePegawai')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('impor.chooseHint')}
      </Text>
    </Stack>
  );
}
