import { Group, Text, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The planner's few terms that stay, each with a glossary note (planner.glossary.*). */
export const GLOSSARY = ['balance', 'shareB', 'score', 'cost', 'marginal'] as const;
export type GlossaryTerm = (typeof GLOSSARY)[number];

/** A label with its glossary note on hover or focus. */
export function Term({ label, term }: { label: string; term: GlossaryTerm }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <span>{label}</span>
      <Tooltip label={t(`planner.glossary.${term}`)} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Text span c="dimmed" tabIndex={0} role="img" aria-label={t(`planner.glossary.${term}`)} data-testid={`planner-term-${term}`} style={{ display: 'inline-flex', cursor: 'help' }}>
          <IconInfoCircle size={14} />
        </Text>
      </Tooltip>
    </Group>
  );
}
