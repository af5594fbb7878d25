import { createTheme } from '@mantine/core';

const fontFamily = "'IBM Plex Sans Arabic', system-ui, sans-serif";

export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily,
  headings: { fontFamily },
  defaultRadius: 'md',
});
