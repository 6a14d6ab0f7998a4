// The evaluation after a transfer (backend/evaluasi; bound in app.go). The
// shapes are the generated Wails models' data (Plain, see src/api/types.ts).
import * as App from '../../../wailsjs/go/main/App';
import { evaluasi } from '../../../wailsjs/go/models';
import { call } from '../../api/errors';
import type { ID, Plain } from '../../api/types';

/** untuk: PEGAWAI | ATASAN; jenis: LIKERT | TEKS. */
export type EvaluasiQuestion = Plain<evaluasi.Question>;
export type EvaluasiDueRow = Plain<evaluasi.DueItem>;
export type EvaluasiDueCount = Plain<evaluasi.DueCount>;
/** Answers by question kode. */
export type Jawaban = Record<string, string>;
export type SKPTahun = Plain<evaluasi.SKPTahun>;
export type EJTahun = Plain<evaluasi.EJTahun>;
export type EvaluasiKonteks = Plain<evaluasi.Konteks>;
export type EvaluasiFormData = Plain<evaluasi.Form>;
export type EvaluasiGroupRow = Plain<evaluasi.GroupRow>;
/** groupBy: opd | jenis. */
export type EvaluasiReport = Plain<evaluasi.Report>;

export const evaluasiApi = {
  evaluasiQuestions: (): Promise<EvaluasiQuestion[]> => call(async () => (await App.EvaluasiQuestions()) ?? []),
  saveEvaluasiQuestion: (q: EvaluasiQuestion): Promise<EvaluasiQuestion> => call(() => App.SaveEvaluasiQuestion(evaluasi.Question.createFrom(q))),
  /** The dashboard's figure: due now, of which overdue, and falling due within 30 days. */
  evaluasiDueCount: (): Promise<EvaluasiDueCount> => call(() => App.EvaluasiDueCount()),
  evaluasiDue: (includeDone: boolean): Promise<EvaluasiDueRow[]> => call(async () => (await App.EvaluasiDue(includeDone)) ?? []),
  evaluasiForm: (usulanId: ID, bulan: number, responden: string): Promise<EvaluasiFormData> =>
    call(() => App.EvaluasiForm(usulanId, bulan, responden)),
  submitEvaluasi: (usulanId: ID, bulan: number, responden: string, jawaban: Jawaban): Promise<unknown> =>
    call(() => App.SubmitEvaluasi(usulanId, bulan, responden, jawaban)),
  evaluasiReport: (groupBy: string): Promise<EvaluasiReport> => call(() => App.EvaluasiReport(groupBy)),
  exportEvaluasiReport: (groupBy: string): Promise<string> => call(() => App.ExportEvaluasiReport(groupBy)),
};
