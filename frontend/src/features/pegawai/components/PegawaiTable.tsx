import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Center, Loader, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { PegawaiRow, PegawaiSort } from '../../../api';
import { useFormat } from '../../../lib/format';
import { useRefLabel } from '../../../lib/queries';

export interface SortState {
  key: PegawaiSort;
  desc: boolean;
}

interface Props {
  rows: PegawaiRow[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  sort: SortState;
  onSort: (s: SortState) => void;
  selectedId: string | null;
  onOpen: (row: PegawaiRow) => void;
  height: string | number;
  /** Changes when the filter or sort changes: the table scrolls back to the top. */
  resetKey: string;
}

const ROW_HEIGHT = 32;

/**
 * The columns a narrow window drops first, in order, so that the ones people
 * look for (NIP, name, OPD, unit, jabatan) fit without sideways scrolling; the
 * dropped figures stay in the detail panel.
 */
export const DROP_ORDER = ['jenisJabatan', 'tmtJabatan', 'status', 'golongan'] as const;

/** The columns to hide so that the widths (column id → minimum px) fit in width. */
export function columnsToHide(sizes: Record<string, number>, width: number): string[] {
  let total = Object.values(sizes).reduce((a, b) => a + b, 0);
  const hidden: string[] = [];
  for (const id of DROP_ORDER) {
    if (total <= width) break;
    if (sizes[id] === undefined) continue;
    total -= sizes[id];
    hidden.push(id);
  }
  return hidden;
}
const col = createColumnHelper<PegawaiRow>();

/** Column id → the server sort key (PegawaiQuery.sort); columns without one are not sortable. */
const SORT_KEYS: Partial<Record<string, PegawaiSort>> = {
  nip: 'nip',
  namaLengkap: 'nama',
  golongan: 'golongan',
  jabatanNama: 'jabatan',
  opdSingkatan: 'opd',
  tmtJabatan: 'tmtJabatan',
};

const STATUS_COLOR: Record<string, string> = { PNS: 'navy', CPNS: 'cyan', PPPK: 'orange' };

export function PegawaiTable({ rows, hasMore, loadingMore, loadMore, sort, onSort, selectedId, onOpen, height, resetKey }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const jenisLabel = useRefLabel('jenisJabatan');

  const columns = useMemo(
    () => [
      col.accessor('nip', { header: t('pegawai.col.nip'), size: 150, cell: (c) => <span className="mono">{c.getValue()}</span> }),
      col.accessor('namaLengkap', { header: t('pegawai.col.nama'), size: 160 }),
      col.accessor('opdSingkatan', { header: t('pegawai.col.opd'), size: 76 }),
      col.accessor('unitNama', { header: t('pegawai.col.unit'), size: 130, enableSorting: false }),
      col.accessor('jabatanNama', { header: t('pegawai.col.jabatan'), size: 150 }),
      col.accessor('golongan', { header: t('pegawai.col.golongan'), size: 72 }),
      col.accessor('status', {
        header: t('pegawai.col.status'),
        size: 70,
        enableSorting: false,
        cell: (c) =>
          c.row.original.keluarPada ? (
            <Badge size="xs" variant="outline" color="gray" title={c.row.original.instansiTujuan} data-testid="badge-keluar">
              {t('pegawai.keluar')}
            </Badge>
          ) : (
            <Badge size="xs" variant="light" color={STATUS_COLOR[c.getValue()] ?? 'gray'}>
              {c.getValue()}
            </Badge>
          ),
      }),
      col.accessor('jenisJabatan', {
        header: t('pegawai.col.jenisJabatan'),
        size: 100,
        enableSorting: false,
        cell: (c) => jenisLabel(c.getValue()),
      }),
      col.accessor('tmtJabatan', { header: t('pegawai.col.tmtJabatan'), size: 110, cell: (c) => fmt.date(c.getValue()) }),
    ],
    [t, fmt, jenisLabel],
  );

  // The table's own width decides which columns fit (the sidebar may be open or collapsed).
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const columnVisibility = useMemo(() => {
    if (width <= 0) return {};
    const sizes = Object.fromEntries(columns.map((c) => [(c as { accessorKey?: string }).accessorKey ?? '', c.size ?? 0]));
    return Object.fromEntries(columnsToHide(sizes, width).map((id) => [id, false]));
  }, [columns, width]);

  const sorting: SortingState = useMemo(() => {
    const id = Object.entries(SORT_KEYS).find(([, v]) => v === sort.key)?.[0];
    return id ? [{ id, desc: sort.desc }] : [];
  }, [sort]);

  // TanStack Table's API returns fresh functions each render; the React Compiler lint knows this is fine to skip.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const key = first ? SORT_KEYS[first.id] : undefined;
      if (first && key) onSort({ key, desc: first.desc });
    },
    getRowId: (r) => r.id,
  });

  const template = table
    .getVisibleLeafColumns()
    .map((c) => (['namaLengkap', 'jabatanNama', 'unitNama'].includes(c.id) ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`))
    .join(' ');
  const minWidth = table.getVisibleLeafColumns().reduce((s, c) => s + c.getSize(), 0);

  const tableRows = table.getRowModel().rows;
  const count = hasMore ? tableRows.length + 1 : tableRows.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= tableRows.length - 20) loadMore();
  }, [lastIndex, hasMore, loadingMore, tableRows.length, loadMore]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  return (
    <div ref={scrollRef} className="vt-scroll" style={{ height }} data-testid="pegawai-table" role="table" aria-label={t('pegawai.title')}>
      <div style={{ minWidth }}>
        {table.getHeaderGroups().map((hg) => (
          <div key={hg.id} className="vt-head" style={{ gridTemplateColumns: template }} role="row">
            {hg.headers.map((h) => {
              const canSort = h.column.getCanSort() && SORT_KEYS[h.column.id] !== undefined;
              const dir = h.column.getIsSorted();
              const label = flexRender(h.column.columnDef.header, h.getContext());
              return (
                <div key={h.id} role="columnheader" aria-sort={dir ? (dir === 'desc' ? 'descending' : 'ascending') : undefined}>
                  {canSort ? (
                    <button type="button" onClick={h.column.getToggleSortingHandler()} data-testid={`sort-${h.column.id}`}>
                      <span>{label}</span>
                      {dir === 'asc' ? (
                        <IconArrowUp size={13} />
                      ) : dir === 'desc' ? (
                        <IconArrowDown size={13} />
                      ) : (
                        <IconArrowsSort size={13} opacity={0.35} />
                      )}
                    </button>
                  ) : (
                    label
                  )}
                </div>
              );
            })}
          </div>
        ))}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((vi) => {
            const row = tableRows[vi.index];
            if (!row) {
              return (
                <div key="loader" className="vt-row" style={{ top: vi.start, height: vi.size }}>
                  <Center w="100%">{loadingMore ? <Loader size="xs" /> : <Text size="xs">…</Text>}</Center>
                </div>
              );
            }
            return (
              <div
                key={row.id}
                className="vt-row"
                role="row"
                tabIndex={0}
                data-testid="pegawai-row"
                data-nip={row.original.nip}
                data-odd={vi.index % 2 === 1}
                data-selected={row.id === selectedId}
                style={{ top: vi.start, height: vi.size, gridTemplateColumns: template }}
                onClick={() => onOpen(row.original)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onOpen(row.original);
                  }
                }}
              >
                {row.getVisibleCells().map((c) => (
                  <div key={c.id} role="cell" title={typeof c.getValue() === 'string' ? (c.getValue() as string) : undefined}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
