import { ActionIcon, Group } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The edit and delete buttons at the end of a catalogue row. */
export function RowActions({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon variant="subtle" size="sm" onClick={onEdit} aria-label={t('common.edit')}>
        <IconPencil size={14} />
      </ActionIcon>
      <ActionIcon variant="subtle" size="sm" color="red" onClick={onDelete} aria-label={t('common.delete')}>
        <IconTrash size={14} />
      </ActionIcon>
    </Group>
  );
}
