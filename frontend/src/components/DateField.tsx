import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateProblem, datePlaceholder, formatDateInput, formatDateLong, parseDateInput, type DateProblem } from '../lib/date';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'defaultValue'> & {
  /** ISO "YYYY-MM-DD", "" or the unreadable text last typed. */
  value?: string;
  /** Called with the ISO date when the text reads as one, "" when cleared, else the raw text. */
  onChange: (value: string) => void;
  /** The latest allowed ISO date; a later one is reported at once. */
  notAfter?: string;
  /** The message for a date after notAfter (default: "not after today"). */
  futureMessage?: string;
};

/** The message for a date problem, in the UI language. */
export function useDateProblemText() {
  const { t } = useTranslation();
  return (p: DateProblem | 'futureBirth', futureMessage?: string) =>
    p === 'future' && futureMessage ? futureMessage : t(`common.date.${p}`);
}

/**
 * A date typed day-first (01/05/2004, 1 Mei 2004) whatever the engine's locale,
 * confirmed in words under the field ("1 Mei 2004") — a native date input
 * follows the OS locale and shows 05/01/2004 on a US-configured machine.
 */
export function DateField({ value = '', onChange, notAfter, futureMessage, error, description, onBlur, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const problemText = useDateProblemText();
  const [text, setText] = useState(() => formatDateInput(value));
  const [touched, setTouched] = useState(false);

  // A value set from outside (reset, another record) replaces the text; the
  // value this field itself just emitted leaves the text as typed.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    const p = parseDateInput(text);
    if ((p.ok ? p.iso : text.trim()) !== value) setText(formatDateInput(value));
  }

  const problem = dateProblem(text, notAfter);
  const parsed = parseDateInput(text);
  const own = problem && (touched || problem === 'future') ? problemText(problem, futureMessage) : null;
  return (
    <TextInput
      {...rest}
      inputMode="numeric"
      autoComplete="off"
      placeholder={datePlaceholder(i18n.language)}
      value={text}
      onChange={(e) => {
        const raw = e.currentTarget.value;
        setText(raw);
        const p = parseDateInput(raw);
        onChange(p.ok ? p.iso : raw.trim());
      }}
      onBlur={(e) => {
        setTouched(true);
        if (parsed.ok) setText(formatDateInput(parsed.iso));
        onBlur?.(e);
      }}
      description={
        parsed.ok ? (
          <>
            <span data-date-words>{formatDateLong(parsed.iso, i18n.language)}</span>
            {description ? <> · {description}</> : null}
          </>
        ) : (
          (description ?? t('common.date.hint'))
        )
      }
      error={own ?? error}
    />
  );
}
