import { useEffect, useReducer } from 'react';
import { Alert, Card, Stepper } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toAppError } from '../../../api';
import { importApi, onImportProgress } from '../api';
import { PageHeader } from '../../../components/PageHeader';
import { CheckStep } from './CheckStep';
import { DoneStep } from './DoneStep';
import { importReducer, initialImportState, type ImportStep } from './importState';
import { KindStep } from './KindStep';
import { MapStep } from './MapStep';

/** The import wizard: kind and file → column mapping → dry run → commit. State in ./importState, one component per step. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [state, dispatch] = useReducer(importReducer, initialImportState);
  const { step, kind, abkId, path, preview, mapping, locale, dry, result, busy, error } = state;

  useEffect(
    () => (busy === 'dryrun' || busy === 'commit' ? onImportProgress((progress) => dispatch({ type: 'progress', progress })) : undefined),
    [busy],
  );

  const fail = (e: unknown) => dispatch({ type: 'failed', error: toAppError(e).text(i18n.language) });

  const choose = async () => {
    dispatch({ type: 'dismissError' });
    try {
      const p = await importApi.chooseFile();
      if (!p) return;
      dispatch({ type: 'busy', busy: 'preview' });
      dispatch({ type: 'previewed', path: p, preview: await importApi.preview(kind, p) });
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  // A workbook with several sheets: read another one and suggest its mapping.
  // headerRow > 0 reads the header from that line (a title row above it).
  const reread = async (sheet: string, headerRow = 0) => {
    dispatch({ type: 'busy', busy: 'preview' });
    try {
      dispatch({ type: 'previewed', sheet, preview: await importApi.preview(kind, path, sheet, headerRow) });
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  const dryRun = async () => {
    dispatch({ type: 'busy', busy: 'dryrun' });
    try {
      dispatch({ type: 'checked', report: await importApi.dryRun(kind, path, { ...mapping, locale }, abkId ?? '') });
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  const commit = async () => {
    dispatch({ type: 'busy', busy: 'commit' });
    try {
      const r = await importApi.commit(kind, path, { ...mapping, locale }, abkId ?? '');
      dispatch({ type: 'committed', report: r });
      if (r.committed) await qc.invalidateQueries();
    } catch (e) {
      fail(e);
    } finally {
      dispatch({ type: 'idle' });
    }
  };

  const reset = () => dispatch({ type: 'reset' });

  return (
    <div data-testid="import-page">
      <PageHeader title={t('impor.title')} subtitle={t('impor.subtitle')} />

      <Card withBorder p="lg">
        <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false} onStepClick={(s) => dispatch({ type: 'back', step: s as ImportStep })}>
          <Stepper.Step label={t('impor.step.kind')} description={t('impor.step.kindHint')} />
          <Stepper.Step label={t('impor.step.map')} description={t('impor.step.mapHint')} />
          <Stepper.Step label={t('impor.step.check')} description={t('impor.step.checkHint')} />
          <Stepper.Step label={t('impor.step.done')} description={t('impor.step.doneHint')} />
        </Stepper>

        {error && (
          <Alert color="red" mb="md" data-testid="import-error" withCloseButton onClose={() => dispatch({ type: 'dismissError' })}>
            {error}
          </Alert>
        )}

        {step === 0 && <KindStep state={state} dispatch={dispatch} onChoose={() => void choose()} />}
        {step === 1 && preview && (
          <MapStep
            state={state}
            preview={preview}
            dispatch={dispatch}
            onReread={(sheet, headerRow) => void reread(sheet, headerRow)}
            onDryRun={() => void dryRun()}
            onRestart={reset}
          />
        )}
        {step === 2 && dry && <CheckStep state={state} dry={dry} dispatch={dispatch} onChoose={() => void choose()} onCommit={() => void commit()} />}
        {step === 3 && result && <DoneStep result={result} fields={preview?.fields} onAgain={reset} />}
      </Card>
    </div>
  );
}
