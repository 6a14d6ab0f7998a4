import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleMinus, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RuleResult, RuleSnapshot } from '../../../api';
import { useMsg } from '../../../lib/useMsg';

const SEVERITIES = ['BLOCK', 'WARN', 'INFO'] as const;
const SEV_COLOR: Record<string, string> = { BLOCK: 'red', WARN: 'orange', INFO: 'blue' };
const OUTCOME_ORDER: Record<string, number> = { FAIL: 0, PASS: 1, NOT_APPLICABLE: 2 };

function OutcomeIcon({ outcome, severity }: { outcome: string; severity: string }) {
  const { t } = useTranslation();
  const label = t(`rules.outcome.${outcome}`, { defaultValue: outcome });
  if (outcome === 'PASS') return <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-label={label} style={{ flexShrink: 0 }} />;
  if (outcome === 'FAIL') return <IconCircleX size={18} color={`var(--mantine-color-${SEV_COLOR[severity] ?? 'red'}-7)`} aria-label={label} style={{ flexShrink: 0 }} />;
  return <IconCircleMinus size={18} color="var(--mantine-color-gray-5)" aria-label={label} style={{ flexShrink: 0 }} />;
}

/** Rule results grouped by severity, failures first: what each rule found, the values it used and its source. */
export function RuleResults({ rules, compact = false }: { rules: RuleResult[]; compact?: boolean }) {
  const { t } = useTranslation();
  const msg = useMsg();
  return (
    <Stack gap="sm" data-testid="rule-results">
      {SEVERITIES.map((sev) => {
        const group = rules
          .filter((r) => r.severity === sev)
          .sort((a, b) => (OUTCOME_ORDER[a.outcome] ?? 3) - (OUTCOME_ORDER[b.outcome] ?? 3) || a.ruleId.localeCompare(b.ruleId));
        if (group.length === 0) return null;
        const failed = group.filter((r) => r.outcome === 'FAIL').length;
        return (
          <div key={sev} data-testid={`rule-group-${sev}`}>
            <Group gap="xs" mb={4}>
              <Badge color={SEV_COLOR[sev]} variant={failed > 0 ? 'filled' : 'light'} tt="none">
                {t(`rules.severity.${sev}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('rules.groupSummary', { failed, n: group.length })}
              </Text>
            </Group>
            <Stack gap={4}>
              {group.map((r) => (
                <Paper
                  key={r.ruleId}
                  withBorder
                  p={compact ? 4 : 'xs'}
                  bg={r.outcome === 'FAIL' ? `${SEV_COLOR[sev]}.0` : undefined}
                  data-testid="rule-result"
                  data-rule={r.ruleId}
                  data-outcome={r.outcome}
                  data-severity={r.severity}
                >
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <OutcomeIcon outcome={r.outcome} severity={r.severity} />
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Text size="sm">
                        <Text span fw={700} className="mono" mr={6}>
                          {r.ruleId}
                        </Text>
                        {msg(r.message, r.messageEn)}
                      </Text>
                      {!compact && r.values && Object.keys(r.values).length > 0 && (
                        <Text size="xs" c="dimmed" data-testid="rule-values">
                          {Object.entries(r.values)
                            .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`)
                            .join(' · ')}
                        </Text>
                      )}
                      {!compact && r.source && (
                        <Text size="xs" c="dimmed" fs="italic" data-testid="rule-source">
                          {t('rules.source', { source: r.source })}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Paper>
              ))}
            </Stack>
          </div>
        );
      })}
    </Stack>
  );
}

/** The values a rule used, printed as "k: v · …". */
function snapshotValues(v: Record<string, string>): string {
  return Object.entries(v)
    .map(([k, x]) => `${k.replace(/_/g, ' ')}: ${x}`)
    .join(' · ');
}

/** The rule results stored with an event: message in the UI language, the values used and the source. */
export function RuleSnapshots({ rules }: { rules: RuleSnapshot[] }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const sorted = [...rules].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity as (typeof SEVERITIES)[number]) - SEVERITIES.indexOf(b.severity as (typeof SEVERITIES)[number]) ||
      (OUTCOME_ORDER[a.outcome] ?? 3) - (OUTCOME_ORDER[b.outcome] ?? 3),
  );
  return (
    <Stack gap={2} data-testid="rule-snapshots">
      {sorted.map((r) => (
        <Group key={r.ruleId} gap={6} wrap="nowrap" align="flex-start">
          <OutcomeIcon outcome={r.outcome} severity={r.severity} />
          <Badge size="xs" color={SEV_COLOR[r.severity] ?? 'gray'} variant="light" style={{ flexShrink: 0 }}>
            {r.severity}
          </Badge>
          <Text size="xs">
            <Text span fw={700} className="mono" mr={4}>
              {r.ruleId}
            </Text>
            {en && r.messageEn ? r.messageEn : r.message}
            {r.values && Object.keys(r.values).length > 0 && (
              <Text span c="dimmed">
                {' '}
                ({snapshotValues(r.values)})
              </Text>
            )}
            {r.source && (
              <Text span c="dimmed" fs="italic">
                {' '}
                — {r.source}
              </Text>
            )}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function RulesTitle({ children }: { children: string }) {
  return (
    <Title order={5} mb="xs">
      {children}
    </Title>
  );
}
