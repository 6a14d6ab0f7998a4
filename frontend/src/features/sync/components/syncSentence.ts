import type { SyncStatus } from '../api';

export type Tone = 'green' | 'blue' | 'yellow' | 'gray' | 'red';

type T = (key: string, o?: Record<string, unknown>) => string;

/**
 * The sync status as one sentence that says what is wrong and what to do,
 * most urgent first: not enrolled, no connection, a server error, conflicts to
 * decide, rows refused, changes and files waiting, or all sent.
 * num formats counts in the UI language; when formats a time.
 */
export function syncSentence(
  s: SyncStatus,
  t: T,
  num: (n: number) => string,
  when: (iso: string) => string,
): { tone: Tone; text: string } {
  const since = s.lastSuccess ? when(s.lastSuccess) : t('sinkron.sentence.neverShort');
  const waiting: string[] = [];
  if (s.pending > 0) waiting.push(t('sinkron.sentence.pending', { count: s.pending, n: num(s.pending) }));
  if (s.filesWaiting > 0) waiting.push(t('sinkron.sentence.files', { count: s.filesWaiting, n: num(s.filesWaiting) }));
  const tail = waiting.length > 0 ? ' ' + waiting.join(' ') : '';
  if (!s.configured) return { tone: 'yellow', text: t('sinkron.sentence.notEnrolled') + tail };
  if (s.syncing) return { tone: 'blue', text: t('sinkron.sentence.syncing') };
  if (s.error?.offline) return { tone: 'gray', text: t('sinkron.sentence.offline', { since }) + tail };
  if (s.error?.code === 'busy') {
    const next = s.nextAttempt ? when(s.nextAttempt) : '—';
    return { tone: 'yellow', text: t('sinkron.sentence.busy', { next }) + tail };
  }
  if (s.error) return { tone: 'red', text: t('sinkron.sentence.failed') + tail };
  if (s.conflicts > 0) return { tone: 'yellow', text: t('sinkron.sentence.conflicts', { count: s.conflicts, n: num(s.conflicts) }) + tail };
  const refused = s.attention + s.quarantined;
  if (refused > 0) return { tone: 'yellow', text: t('sinkron.sentence.refused', { count: refused, n: num(refused) }) + tail };
  if (waiting.length > 0) return { tone: 'blue', text: waiting.join(' ') };
  if (!s.lastSuccess) return { tone: 'gray', text: t('sinkron.sentence.neverSynced') };
  return { tone: 'green', text: t('sinkron.sentence.allSent', { since }) };
}

/** "Data per tanggal": the data's own date, else the last successful sync, else "never". */
export function dataAsOfText(s: SyncStatus | undefined, t: T, when: (iso: string) => string): string {
  if (s?.dataAsOf) return when(s.dataAsOf);
  if (s?.lastSuccess) return when(s.lastSuccess);
  return t('sinkron.sentence.neverShort');
}
