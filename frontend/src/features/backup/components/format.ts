// Formatting for the backup screens: times in the local zone, sizes in MB.

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatSize(bytes: number, lang: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(lang.startsWith('en') ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 }).format(mb)} MB`;
}
