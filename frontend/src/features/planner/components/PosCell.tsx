import { Text } from '@mantine/core';
import type { PosLabel } from '../api';

/** A position as a table cell: OPD · jabatan over the unit. Shared by the result table and the move drawer. */
export function PosCell({ p }: { p: PosLabel }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {p.opdSingkatan} · {p.jabatanNama}
      </Text>
      <Text size="xs" c="dimmed">
        {p.unitNama}
      </Text>
    </div>
  );
}
