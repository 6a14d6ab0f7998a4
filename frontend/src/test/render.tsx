import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import '../i18n';
import { makeQueryClient } from '../lib/queries';
import { localizedTheme } from '../theme';

const theme = localizedTheme('Tutup');

/** Renders with the app's providers; env="test" turns off Mantine transitions and portals. */
export function renderWithProviders(ui: ReactElement) {
  const qc = makeQueryClient();
  return {
    qc,
    ...render(
      <MantineProvider theme={theme} env="test">
        <Notifications />
        <QueryClientProvider client={qc}>{ui}</QueryClientProvider>
      </MantineProvider>,
    ),
  };
}
