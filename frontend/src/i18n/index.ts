import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import id from './lang-id';

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

// Indonesian comes with the first screen; English is loaded when chosen
// (changeLanguage waits for it), so the first screen does not parse both.
const lazyEnglish: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _ns, done) {
    if (lng !== 'en') return done(null, lng === 'id' ? id : {});
    import('./lang-en').then(
      (m) => done(null, m.default),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), null),
    );
  },
};

/** Resolves once the first language's strings are loaded (at once for Indonesian). */
export const i18nReady = i18n
  .use(lazyEnglish)
  .use(initReactI18next)
  .init({
    resources: { id: { translation: id } },
    partialBundledLanguages: true,
    lng: initialLang(),
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => undefined);

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
