import { Badge } from '@mantine/core';
import { useJumlahLaporanBaru } from '../queries';

/** The count of new data-error reports beside the sidebar entry. */
export function PortalNavBadge() {
  const n = useJumlahLaporanBaru(true).data ?? 0;
  if (n <= 0) return null;
  return (
    <Badge size="sm" color="orange" variant="filled" data-testid="portal-badge">
      {n}
    </Badge>
  );
}
