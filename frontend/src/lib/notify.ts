import { notifications } from '@mantine/notifications';
import { errorTitleKey, toAppError } from '../api';
import i18n from '../i18n';

/** Shows a failed call as a notification in the UI language. */
export function notifyError(err: unknown, title?: string): void {
  const e = toAppError(err);
  notifications.show({
    color: e.kind === 'Conflict' || e.kind === 'NotEligible' ? 'orange' : 'red',
    title: title ?? i18n.t(errorTitleKey(e)),
    message: e.text(i18n.language),
    autoClose: 8000,
  });
}

export function notifyOk(message: string, testId?: string): void {
  notifications.show({
    color: 'teal',
    message,
    autoClose: testId ? 8000 : 3000,
    ...(testId ? { 'data-testid': testId } : {}),
  });
}
