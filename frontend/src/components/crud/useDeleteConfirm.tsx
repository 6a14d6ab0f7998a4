// The delete flow every catalogue screen shares: ask, delete, say so or show
// why the backend refused (e.g. an OPD that still has employees), and mark
// every read stale.
import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ConfirmDialog';
import { notifyError, notifyOk } from '../../lib/notify';

export interface DeleteConfirmOptions<T> {
  remove: (item: T) => Promise<unknown>;
  name: (item: T) => string;
  /** The dialog's title for the item being asked about. */
  title: (item: T) => string;
  onDeleted?: (item: T) => void;
}

/** `ask(item)` opens the confirmation; render `dialog` once on the screen. */
export function useDeleteConfirm<T>(o: DeleteConfirmOptions<T>): { ask: (item: T) => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<T | null>(null);
  const del = useMutation({
    mutationFn: o.remove,
    onSuccess: async (_r, item) => {
      notifyOk(t('common.deletedName', { nama: o.name(item) }));
      o.onDeleted?.(item);
      setAsking(null);
      await qc.invalidateQueries();
    },
    onError: (e) => {
      setAsking(null);
      notifyError(e);
    },
  });
  const dialog = (
    <ConfirmDialog
      opened={asking !== null}
      title={asking !== null ? o.title(asking) : ''}
      message={t('common.deleteConfirm', { nama: asking !== null ? o.name(asking) : '' })}
      loading={del.isPending}
      onConfirm={() => asking !== null && del.mutate(asking)}
      onCancel={() => setAsking(null)}
    />
  );
  return { ask: setAsking, dialog };
}
