import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { EligibilityCard } from './EligibilityCard.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';

const openCard = async () => {
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'admin' });
  render(<EligibilityCard />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { name: 'Eligibility rules' });
  return fake;
};

describe('EligibilityCard', () => {
  it('explains that eligible households not enrolled show up as possible missed benefits', async () => {
    await openCard();
    expect(screen.getByText(/appear in the social workers’ queues as a “possible missed benefit”/)).toBeInTheDocument();
    const cash = await screen.findByRole('form', { name: 'Direct social support' });
    expect(within(cash).getByLabelText('Score threshold')).toHaveValue('9.32');
  });

  it('refuses a threshold that is not a number, then saves a programme’s rule', async () => {
    const fake = await openCard();
    const food = await screen.findByRole('form', { name: 'Food support' });
    const score = within(food).getByLabelText('Score threshold');
    await userEvent.type(score, 'nine');
    await userEvent.click(within(food).getByRole('button', { name: 'Save' }));
    expect(await within(food).findByText('Enter a number such as 9.32, or leave it empty for any score.')).toBeInTheDocument();
    expect(fake.callsTo('eligibility:set')).toHaveLength(0);

    await userEvent.clear(score);
    await userEvent.type(score, '9,5');
    const condition = within(food).getByRole('combobox', { name: 'Condition' });
    await userEvent.click(condition);
    const listbox = await waitFor(() => document.getElementById(condition.getAttribute('aria-controls') ?? '') ?? Promise.reject(new Error('no listbox')));
    fireEvent.click(within(listbox).getByRole('option', { name: /Unemployed adult/, hidden: true }));
    expect(within(food).getByText('At least one adult is unemployed.')).toBeInTheDocument();
    await userEvent.click(within(food).getByRole('switch', { name: /Rule active/ }));
    await userEvent.click(within(food).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Rule for Food support saved')).toBeInTheDocument();
    await waitFor(() =>
      expect(fake.branch.rules()).toContainEqual({ programmeId: 'programme-3', scoreMax: 9.5, condition: 'unemployed_adult', active: true }),
    );
  });

  it('is in the settings of administrators only', async () => {
    const manager = render(<SettingsScreen />, { api: createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' }).api, language: 'en' });
    expect(await screen.findByText('/data')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Eligibility rules' })).not.toBeInTheDocument();
    manager.unmount();

    render(<SettingsScreen />, { api: createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'admin' }).api, language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Eligibility rules' })).toBeInTheDocument();
  });
});
