import type { ReactNode } from 'react';
import { Group, Text, Title } from '@mantine/core';

/** The page's title (its one h1, drawn at h2 size), a subtitle and the page's actions. */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="xs">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {subtitle && (
          <Text c="dimmed" size="sm">
            {subtitle}
          </Text>
        )}
      </div>
      {children && <Group gap="xs" justify="flex-end">
          {children}
        </Group>}
    </Group>
  );
}
