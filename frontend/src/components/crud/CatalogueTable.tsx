// The table every catalogue screen shows: columns as a list, a skeleton while
// loading, "no data" when empty, optional row selection and row actions.
import type { ReactNode } from 'react';
import { Skeleton, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ActionsTh } from '../ActionsTh';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Right-aligned figures. */
  num?: boolean;
  /** Codes in a fixed-width font. */
  mono?: boolean;
  w?: number;
}

export interface CatalogueTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  pending: boolean;
  testId: string;
  rowTestId: string;
  striped?: boolean;
  onRowClick?: (row: T) => void;
  selected?: (row: T) => boolean;
  /** Buttons at the end of each row (edit, delete). */
  actions?: (row: T) => ReactNode;
}

export function CatalogueTable<T>(p: CatalogueTableProps<T>) {
  const { t } = useTranslation();
  const span = p.columns.length + (p.actions ? 1 : 0);
  const cls = (c: Column<T>) => [c.num && 'num', c.mono && 'mono'].filter(Boolean).join(' ') || undefined;
  return (
    <Table striped={p.striped} highlightOnHover stickyHeader data-testid={p.testId}>
      <Table.Thead>
        <Table.Tr>
          {p.columns.map((c, i) => (
            <Table.Th key={i} className={c.num ? 'num' : undefined} w={c.w}>
              {c.header}
            </Table.Th>
          ))}
          {p.actions && <ActionsTh w={70} />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.pending && (
          <Table.Tr>
            <Table.Td colSpan={span}>
              <Skeleton h={200} />
            </Table.Td>
          </Table.Tr>
        )}
        {p.rows.map((r) => {
          const sel = p.selected?.(r) ?? false;
          return (
            <Table.Tr
              key={p.rowKey(r)}
              data-testid={p.rowTestId}
              onClick={p.onRowClick ? () => p.onRowClick!(r) : undefined}
              style={p.onRowClick ? { cursor: 'pointer' } : undefined}
              bg={sel ? 'var(--mantine-color-navy-0)' : undefined}
            >
              {p.columns.map((c, i) => (
                <Table.Td key={i} className={cls(c)}>
                  {c.cell(r)}
                </Table.Td>
              ))}
              {p.actions && <Table.Td>{p.actions(r)}</Table.Td>}
            </Table.Tr>
          );
        })}
        {!p.pending && p.rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={span}>
              <Text c="dimmed" size="sm" ta="center" py="md">
                {t('common.noData')}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
