import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export const LANGS = ['id', 'en'] as const;
export type UiLang = (typeof LANGS)[number];

const STORAGE_KEY = 'imbang.lang';

function initialLang(): UiLang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'id') return saved;
  } catch {
    // storage unavailable: use the default
  }
  return 'id';
}

void i18n.use(initReactI18next).init({
  resources: { id: { translation: resources.id }, en: { translation: resources.en } },
  lng: initialLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export function currentLang(): UiLang {
  return i18n.language?.startsWith('en') ? 'en' : 'id';
}

export default i18n;
