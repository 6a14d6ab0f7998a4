import { toAppError } from '../api';

export interface SubmitErrorState {
  /** Field name → message, for the inputs of the form. */
  fields: Record<string, string>;
  /** A message for the top of the form (no field matched, or not an Invalid error). */
  general: string | null;
}

/**
 * Splits a rejected save into messages under the inputs the form shows and
 * one general message for the rest. Field names are the JSON names of the
 * domain struct (nip, nama, opdId, …).
 */
export function splitSubmitError(err: unknown, formFields: readonly string[], lang: string): SubmitErrorState {
  const e = toAppError(err);
  const all = e.fieldMessages(lang);
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [name, msg] of Object.entries(all)) {
    if (formFields.includes(name)) fields[name] = msg;
    else rest.push(msg);
  }
  let general: string | null = null;
  if (Object.keys(fields).length === 0) general = e.text(lang);
  else if (rest.length > 0) general = rest.join(' ');
  return { fields, general };
}
