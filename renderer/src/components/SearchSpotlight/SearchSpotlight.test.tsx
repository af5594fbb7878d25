import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { SearchButton } from './SearchButton.tsx';
import { SearchSpotlight } from './SearchSpotlight.tsx';

const renderSearch = () => {
  window.location.hash = '#/queue';
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'worker' });
  render(
    <Router hook={useHashLocation}>
      <SearchButton />
      <SearchSpotlight />
    </Router>,
    { api: fake.api, language: 'en' },
  );
  return fake;
};

const searchBox = () => screen.findByRole('textbox', { name: 'Search households' });

describe('SearchSpotlight', () => {
  it('opens with Ctrl+K and says what can be searched', async () => {
    renderSearch();
    expect(screen.queryByRole('textbox', { name: 'Search households' })).not.toBeInTheDocument();
    await userEvent.keyboard('{Control>}k{/Control}');
    expect(await searchBox()).toBeInTheDocument();
    expect(screen.getByText(/a name in Arabic or Latin letters, a national ID, a phone number or a registry number/)).toBeInTheDocument();
  });

  it('shows the households found and opens the first one with Enter', async () => {
    const fake = renderSearch();
    await userEvent.keyboard('{Control>}k{/Control}');
    await userEvent.type(await searchBox(), 'ait baha');

    const first = (await screen.findByText('فاطمة أيت باها')).closest('button') as HTMLElement;
    expect(within(first).getByText('Fatima Ait Baha')).toHaveAttribute('dir', 'ltr');
    expect(within(first).getByText('Head')).toBeInTheDocument();
    expect(within(first).getByText('Tafraout')).toBeInTheDocument();
    expect(within(first).getByText('JA123456')).toHaveAttribute('dir', 'ltr');
    expect(within(first).getByText('RSU-TIZ-0000001')).toBeInTheDocument();
    expect(within(first).getByText(/^9[.,]25$/)).toBeInTheDocument();
    expect(screen.getByText('محمد أيت باها')).toBeInTheDocument();
    expect(fake.callsTo('search:query').at(-1)?.input).toEqual({ query: 'ait baha', limit: 20 });

    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/households/household-1'));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Search households' })).not.toBeInTheDocument());
  });

  it('moves with the arrow keys and opens the chosen household', async () => {
    renderSearch();
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.type(await searchBox(), 'J');
    await screen.findByText('يوسف أوبلا');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/households/household-2'));
  });

  it('says so when nothing matches and suggests checking the spelling', async () => {
    renderSearch();
    await userEvent.keyboard('{Control>}k{/Control}');
    await userEvent.type(await searchBox(), 'zzzz');
    expect(await screen.findByText('No household found')).toBeInTheDocument();
    expect(screen.getByText(/Check the spelling/)).toBeInTheDocument();
  });
});
