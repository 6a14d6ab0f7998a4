import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { accessiblePalette } from './lib/contrast';

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

// Every palette with its shade 6 darkened to WCAG AA (lib/contrast.ts): filled
// badges and buttons (white text), light variants' text and the dimmed text
// (gray 6, Mantine's #868e96 read at 3.3:1) all use that shade.
const colors = Object.fromEntries(
  Object.entries({ ...DEFAULT_THEME.colors, navy }).map(([name, palette]) => [name, name === 'dark' ? palette : accessiblePalette(palette)]),
) as Record<string, MantineColorsTuple>;

const systemFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'navy',
  colors,
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts },
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace',
  defaultRadius: 'sm',
  // A focus ring on every control, text inputs included, whether focused by keyboard or mouse.
  focusRing: 'auto',
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', comboboxProps: { withinPortal: true } } },
    // A scroll area is reachable by the keyboard (Tab, then the arrow keys scroll it) even when
    // nothing in it takes the focus, such as a table of figures.
    ScrollArea: { defaultProps: { viewportProps: { tabIndex: 0 } } },
  },
});

/**
 * The theme with the labels Mantine's own buttons need in the current
 * language: the close (×) button of every modal, drawer, notification and
 * alert gets an accessible name.
 */
export function localizedTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    ...theme,
    components: {
      ...theme.components,
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
      Notification: { defaultProps: { closeButtonProps } },
      Alert: { defaultProps: { closeButtonLabel: closeLabel } },
    },
  });
}
