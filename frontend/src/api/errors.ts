// AppError is the one error type the UI sees. Wails rejects a binding's
// promise with the Go error's text; app.go makes that text JSON
// ({kind, code, message, messageEn, fields}). Wails v2.13's runtime wraps that
// text in an Error (`new Error(message.error)`, desktop/calls.js), older
// runtimes and tests pass the bare string: both are decoded. Anything else (a
// JS exception, a call timeout, a panic text) becomes kind Internal.

export const ERROR_KINDS = [
  'Invalid',
  'NotFound',
  'NotEligible',
  'Conflict',
  'Permission',
  'Unavailable',
  'Internal',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export type Lang = 'id' | 'en';

export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

const INTERNAL_ID = 'Terjadi kesalahan internal. Coba lagi; bila berulang, hubungi admin BKPSDM.';
const INTERNAL_EN = 'Internal error. Try again; if it persists, contact the BKPSDM admin.';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly messageId: string;
  readonly messageEn: string;
  readonly fields: FieldError[];
  /** The original rejection, for the console; never shown to users. */
  readonly raw: unknown;

  constructor(init: {
    kind: ErrorKind;
    code: string;
    message: string;
    messageEn?: string;
    fields?: FieldError[];
    raw?: unknown;
  }) {
    super(init.messageEn || init.message);
    this.name = 'AppError';
    this.kind = init.kind;
    this.code = init.code;
    this.messageId = init.message;
    this.messageEn = init.messageEn || init.message;
    this.fields = init.fields ?? [];
    this.raw = init.raw;
  }

  /** The message in the UI language. */
  text(lang: Lang | string): string {
    return lang.startsWith('en') ? this.messageEn : this.messageId;
  }

  /** Field name → message in the UI language (first error per field). */
  fieldMessages(lang: Lang | string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) {
      if (!(f.field in out)) {
        out[f.field] = lang.startsWith('en') ? f.messageEn || f.message : f.message || f.messageEn;
      }
    }
    return out;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function internal(raw: unknown): AppError {
  return new AppError({ kind: 'Internal', code: 'internal', message: INTERNAL_ID, messageEn: INTERNAL_EN, raw });
}

function fromObject(o: Record<string, unknown>, raw: unknown): AppError | null {
  const kind = o.kind;
  if (typeof kind !== 'string' || !(ERROR_KINDS as readonly string[]).includes(kind)) return null;
  const fields: FieldError[] = Array.isArray(o.fields)
    ? o.fields.filter(isRecord).map((f) => ({
        field: str(f.field),
        code: str(f.code),
        message: str(f.message),
        messageEn: str(f.messageEn),
      }))
    : [];
  const message = str(o.message) || (kind === 'Internal' ? INTERNAL_ID : str(o.messageEn));
  const messageEn = str(o.messageEn) || (kind === 'Internal' ? INTERNAL_EN : message);
  return new AppError({ kind: kind as ErrorKind, code: str(o.code) || 'internal', message, messageEn, fields, raw });
}

/** Turns whatever a binding rejected with into an AppError. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const text = typeof raw === 'string' ? raw : raw instanceof Error ? raw.message : null;
  if (text !== null) {
    const s = text.trim();
    if (s.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(s);
        if (isRecord(parsed)) return fromObject(parsed, raw) ?? internal(raw);
      } catch {
        // not JSON: fall through
      }
    }
    return internal(raw);
  }
  if (isRecord(raw)) return fromObject(raw, raw) ?? internal(raw);
  return internal(raw);
}

/** Runs one binding call and rejects only with AppError. */
export async function call<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const err = toAppError(e);
    if (err.kind === 'Internal') console.error('binding call failed', e);
    throw err;
  }
}

/**
 * Codes whose refusal deserves its own title instead of the kind's: the
 * offline bundle's checks (sync/protocol ErrBundle*, returned by the facade
 * as "sync.<code>"), so "Bundel untuk perangkat lain" heads the server's or
 * client's sentence, not a generic "Isian belum benar".
 */
export const TITLED_ERROR_CODES = [
  'sync.bundle-format',
  'sync.bundle-kind',
  'sync.bundle-server',
  'sync.bundle-device',
  'sync.bundle-no-keys',
  'sync.bundle-invalid',
  'sync.bundle-cursor',
  'sync.bundle-keys-set',
  'sync.bundle_read',
  'sync.bundle_write',
] as const;

/** The i18n key of the title an error is shown under (errors.code.* for the titled codes, else errors.kind.*). */
export function errorTitleKey(e: AppError): string {
  return (TITLED_ERROR_CODES as readonly string[]).includes(e.code) ? `errors.code.${e.code}` : `errors.kind.${e.kind}`;
}
