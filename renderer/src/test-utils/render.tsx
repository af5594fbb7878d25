import { render as rtlRender } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Language, WindowApi } from '../../../shared/contract/index.ts';
import { createI18n, directionOf } from '../i18n/index.ts';
import { createQueryClient, Providers } from '../Providers.tsx';

/** Renders inside the app's providers with the given window.api and starting language. */
export const render = (ui: ReactElement, { api, language = 'ar' }: { api: WindowApi; language?: Language }) => {
  window.api = api;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  return rtlRender(ui, {
    wrapper: ({ children }) => (
      <Providers i18n={createI18n(language)} queryClient={createQueryClient()}>
        {children}
      </Providers>
    ),
  });
};
