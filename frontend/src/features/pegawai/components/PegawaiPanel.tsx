import { useState } from 'react';
import type { Pegawai } from '../../../api';
import { PegawaiDetailDrawer } from './PegawaiDetail';
import { PegawaiFormModal } from './PegawaiForm';

/** The employee detail drawer with its edit form, for screens that list employees elsewhere (ABK, stagnation). */
export function PegawaiPanel({ id, onClose }: { id: string | null; onClose: () => void }) {
  const [editing, setEditing] = useState<Pegawai | null>(null);
  return (
    <>
      <PegawaiDetailDrawer id={id} onClose={onClose} onEdit={setEditing} onDeleted={onClose} />
      {editing && <PegawaiFormModal initial={editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
    </>
  );
}
