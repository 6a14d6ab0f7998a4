import './styles/firstScreen';
import './styles.css';
import { i18nReady } from './i18n';
import { StrictMode, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { makeQueryClient, statusQuery } from './lib/queries';
import { recoveryQuery } from './features/backup';
import { sessionQuery } from './features/auth';
import { installGlobalErrorLogging } from './lib/uiLog';
import { localizedTheme } from './theme';

installGlobalErrorLogging();
const queryClient = makeQueryClient();
// The first screen's reads start together now, not one after another as the
// components that ask for them mount (App waits for the status and the
// recovery check before AuthGate asks for the session).
void queryClient.prefetchQuery(statusQuery);
void queryClient.prefetchQuery(recoveryQuery);
void queryClient.prefetchQuery(sessionQuery);

/** Mantine with the theme in the current language (the labels of its own close buttons). */
function ThemedProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const theme = useMemo(() => localizedTheme(t('common.close')), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ThemedProvider>
        <Notifications position="top-right" />
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </ErrorBoundary>
      </ThemedProvider>
    </StrictMode>,
  );
}

// Indonesian is there at once; a saved English is loaded first.
void i18nReady.finally(render);
