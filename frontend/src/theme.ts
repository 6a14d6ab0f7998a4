import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A sober government-admin look: one navy-blue primary, system fonts only
// (the app runs offline), compact controls.
const navy: MantineColorsTuple = [
  '#eef3fb',
  '#dbe3f1',
  '#b3c5e3',
  '#88a5d6',
  '#6589ca',
  '#4f78c3',
  '#426fc1',
  '#345eab',
  '#2b5399',
  '#1d4688',
];

const systemFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'navy',
  colors: { navy },
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts },
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
  defaultRadius: 'sm',
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { withinPortal: true } } },
  },
});
