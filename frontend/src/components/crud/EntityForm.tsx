// One form for a catalogue entry (an OPD, a unit, a jabatan): the screen
// gives the fields as a list and how to save; this component draws them,
// sends the values, puts a rejected save's field errors under their inputs
// and the rest above the form, and on success says so and marks every read
// stale (a catalogue change moves headcounts on other screens).
import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { splitSubmitError } from '../../lib/formErrors';
import { notifyOk } from '../../lib/notify';

type Option = { value: string; label: string };

/** One input of the form; `name` is the JSON name a backend field error uses. */
export type FieldSpec<V> = {
  name: keyof V & string;
  label: string;
  required?: boolean;
  /** Grid columns the input spans (of `cols`); 1 by default. */
  span?: number;
  description?: string;
  /** A fixed width inside its cell. */
  w?: number;
} & (
  | { kind: 'text' }
  | { kind: 'textarea' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'tags' }
  | { kind: 'select'; data: Option[]; clearable?: boolean; searchable?: boolean; placeholder?: string }
);

export interface EntityFormProps<V extends Record<string, unknown>, R> {
  title: string;
  /** data-testid of the modal; the save button's is `saveTestId`. */
  testId: string;
  saveTestId: string;
  size: number;
  cols?: number;
  initialValues: V;
  fields: FieldSpec<V>[];
  save: (values: V) => Promise<R>;
  /** The notification after a save. */
  savedText: (saved: R) => string;
  onSaved: (saved: R) => void;
  onClose: () => void;
}

export function EntityFormModal<V extends Record<string, unknown>, R>(p: EntityFormProps<V, R>) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<V>({ initialValues: p.initialValues });
  const save = useMutation({
    mutationFn: p.save,
    onSuccess: async (r) => {
      notifyOk(p.savedText(r));
      await qc.invalidateQueries();
      p.onSaved(r);
    },
    onError: (e) => {
      const s = splitSubmitError(
        e,
        p.fields.map((f) => f.name),
        i18n.language,
      );
      form.setErrors(s.fields);
      setGeneral(s.general);
    },
  });

  return (
    <Modal opened onClose={p.onClose} size={p.size} title={p.title} data-testid={p.testId}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setGeneral(null);
          save.mutate(v);
        })}
      >
        {general && (
          <Alert color="red" mb="sm" data-testid="form-error">
            {general}
          </Alert>
        )}
        <SimpleGrid cols={p.cols ?? 3} spacing="sm" verticalSpacing="xs">
          {p.fields.map((f) => (
            <div key={f.name} style={f.span && f.span > 1 ? { gridColumn: `span ${f.span}` } : undefined}>
              {input(f, form.getInputProps(f.name))}
            </div>
          ))}
        </SimpleGrid>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={p.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid={p.saveTestId}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

function input<V>(f: FieldSpec<V>, props: object): ReactNode {
  const common = { label: f.label, required: f.required, description: f.description, w: f.w, ...props };
  switch (f.kind) {
    case 'text':
      return <TextInput {...common} />;
    case 'textarea':
      return <Textarea autosize minRows={2} {...common} />;
    case 'number':
      return <NumberInput min={f.min} max={f.max} {...common} />;
    case 'tags':
      return <TagsInput {...common} />;
    case 'select':
      return <Select data={f.data} clearable={f.clearable} searchable={f.searchable} placeholder={f.placeholder} {...common} />;
  }
}
