import { useCallback, useState } from 'react';
import { Alert, Button, Card, Group, Progress, Select, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { plannerApi, type JobStatus, type PlannerSettings, type ScenarioInput } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useFormat } from '../../../lib/format';
import { useMsg } from '../../../lib/useMsg';
import { notifyError, notifyOk } from '../../../lib/notify';
import { ResultView } from './ResultView';
import { runLabel, ScenarioPanel } from './ScenarioPanel';
import { SettingsForm } from './SettingsForm';
import { useInvalidatePlanner, usePlanJob, usePlanRuns } from '../queries';

function JobBar({ job, onCancel }: { job: JobStatus; onCancel: () => void }) {
  const { t } = useTranslation();
  const pct = job.total > 0 ? Math.round((100 * job.done) / job.total) : 0;
  return (
    <Card withBorder data-testid="planner-progress">
      <Group justify="space-between" mb={6}>
        <Text size="sm">{t('planner.run.running', { pct })}</Text>
        <Button size="compact-xs" color="red" variant="light" leftSection={<IconPlayerStop size={14} />} onClick={onCancel} data-testid="planner-cancel">
          {t('planner.run.cancel')}
        </Button>
      </Group>
      <Progress value={job.total > 0 ? pct : 100} animated striped={job.total === 0} />
    </Card>
  );
}

/** Rencana Mutasi: the rebalancing planner (weights, run, results, scenarios). */
export function PlannerPage() {
  const { t } = useTranslation();
  const msg = useMsg();
  const fmt = useFormat();
  const invalidate = useInvalidatePlanner();
  const runs = usePlanRuns();
  const [picked, setRunId] = useState<string | null>(null);
  const runId = picked ?? runs.data?.[0]?.id ?? null;
  const [tab, setTab] = useState<string | null>('hasil');
  const [failed, setFailed] = useState<JobStatus | null>(null);

  const onEnd = useCallback(
    (st: JobStatus) => {
      if (st.state === 'SELESAI') {
        setFailed(null);
        void invalidate();
        setRunId(st.runId);
        setTab('hasil');
        notifyOk(t('planner.run.done'), 'planner-run-done');
      } else {
        setFailed(st);
      }
    },
    [invalidate, t],
  );
  const { job, running, start, cancel } = usePlanJob(onEnd);

  const run = (nama: string, s: PlannerSettings) =>
    void start(() => plannerApi.start({ nama, weights: s.weights, options: s.options })).catch((e) => notifyError(e));
  const scenario = (s: ScenarioInput) => void start(() => plannerApi.createScenario(s)).catch((e) => notifyError(e));

  const list = runs.data ?? [];
  return (
    <div data-testid="planner-page">
      <PageHeader title={t('planner.title')} subtitle={t('planner.subtitle')} />
      <Stack gap="md">
        <SettingsForm running={running} onRun={run} />
        {job && running && <JobBar job={job} onCancel={() => void cancel()} />}
        {failed && (
          <Alert color={failed.state === 'DIBATALKAN' ? 'gray' : 'red'} withCloseButton onClose={() => setFailed(null)} data-testid="planner-failed">
            {failed.error ? msg(failed.error.message, failed.error.messageEn) : failed.state}
          </Alert>
        )}
        {runs.error && <QueryError error={runs.error} onRetry={() => void runs.refetch()} />}
        {runs.isLoading && <Skeleton h={200} />}
        {runs.data && list.length === 0 && (
          <Text c="dimmed" data-testid="planner-empty">
            {t('planner.empty')}
          </Text>
        )}
        {list.length > 0 && (
          <Tabs value={tab} onChange={setTab} keepMounted={false}>
            <Group justify="space-between" mb="md">
              <Tabs.List>
                <Tabs.Tab value="hasil" data-testid="tab-planner-hasil">
                  {t('planner.tab.result')}
                </Tabs.Tab>
                <Tabs.Tab value="skenario" data-testid="tab-planner-skenario">
                  {t('planner.tab.scenario')}
                </Tabs.Tab>
              </Tabs.List>
              <Select
                size="xs"
                w={360}
                data={list.map((r) => ({ value: r.id, label: `${runLabel(r)} · ${fmt.date(r.dibuat.slice(0, 10))}` }))}
                value={runId}
                onChange={setRunId}
                allowDeselect={false}
                aria-label={t('planner.run.select')}
                data-testid="planner-run-select"
              />
            </Group>
            <Tabs.Panel value="hasil">{runId && <ResultView key={runId} runId={runId} />}</Tabs.Panel>
            <Tabs.Panel value="skenario">
              {/* Remounted when the list changes, so its defaults (the run, its parent, its scenarios) are computed from the fresh list. */}
              <ScenarioPanel key={`${runId}:${list.length}`} runs={list} baseId={runId} running={running} onCreate={scenario} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Stack>
    </div>
  );
}
