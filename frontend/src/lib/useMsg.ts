import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The text of a backend message in the UI language. */
export function useMsg(): (id: string, en: string) => string {
  const { i18n } = useTranslation();
  const isEn = i18n.language.startsWith('en');
  return useCallback((id, en) => (isEn ? en || id : id || en), [isEn]);
}
