import type { Route } from '../../../lib/nav';
import { SyaratSettings } from './SyaratSettings';
import { UsulanDetailView } from './UsulanDetail';
import { UsulanList } from './UsulanList';
import { UsulanWizard } from './UsulanWizard';

/** The Mutasi section: #/mutasi (list), #/mutasi/inbox, #/mutasi/baru, #/mutasi/syarat, #/mutasi/u/<id>[/ubah]. */
export function MutasiPage({ route }: { route: Route }) {
  const [sub, id, action] = route.sub;
  if (sub === 'inbox') return <UsulanList inbox key="inbox" />;
  if (sub === 'syarat') return <SyaratSettings />;
  if (sub === 'baru') {
    return (
      <UsulanWizard
        key={route.params.toString()}
        pegawaiId={route.params.get('pegawai') ?? ''}
        aps={route.params.get('aps') === '1'}
      />
    );
  }
  if (sub === 'u' && id && action === 'ubah') return <UsulanWizard key={`edit-${id}`} editId={id} />;
  if (sub === 'u' && id) return <UsulanDetailView key={id} id={id} />;
  return <UsulanList inbox={false} key="list" />;
}
