import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Center, Code, Stack } from '@mantine/core';
import i18n from '../i18n';
import { reportError } from '../lib/uiLog';

interface State {
  error: Error | null;
}

/** Catches a crashed screen, logs it to Go (IMBANG_UI_ERROR) and offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    reportError(`${error.name}: ${error.message}${info.componentStack ? `\n${info.componentStack}` : ''}`);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Center h="100vh" p="md">
        <Stack w={560}>
          <Alert color="red" title={i18n.t('app.crashed')} data-testid="crash">
            <Code block>{this.state.error.message}</Code>
          </Alert>
          <Button onClick={() => window.location.reload()}>{i18n.t('app.reload')}</Button>
        </Stack>
      </Center>
    );
  }
}
