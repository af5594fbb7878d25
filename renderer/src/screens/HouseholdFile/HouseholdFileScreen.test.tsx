import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';

const openFile = async (id = 'household-1') => {
  window.location.hash = `#/households/${id}`;
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' });
  render(<App />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { level: 2, name: 'فاطمة الزهراء أيت إبراهيم' });
  return fake;
};

const openTab = (name: RegExp) => userEvent.click(screen.getByRole('tab', { name }));

// jsdom has no layout, so Mantine keeps the floating dropdown hidden (display: none); its options still take a click.
const chooseOption = async (container: HTMLElement, label: string, option: string) => {
  await userEvent.click(within(container).getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
};

// A 1×1 transparent PNG.
const pngBytes = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (char) => char.charCodeAt(0));

describe('HouseholdFileScreen', () => {
  it('shows the header and the members, head first', async () => {
    await openFile();
    const header = screen.getByRole('region', { name: 'فاطمة الزهراء أيت إبراهيم' });
    expect(within(header).getByText('Fatima Zahra Ait Brahim')).toHaveAttribute('dir', 'ltr');
    expect(within(header).getByText('RSU-0001')).toBeInTheDocument();
    expect(within(header).getByText('06 12 34 56 78')).toBeInTheDocument();
    expect(within(header).getByText('Youssef Ait Ali')).toBeInTheDocument();
    expect(within(header).getByText('Active')).toBeInTheDocument();

    const rows = within(screen.getByRole('table', { name: 'Members' })).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0] as HTMLElement).getByText('Head of household')).toBeInTheDocument();
    expect(within(rows[0] as HTMLElement).getByText('JA123456')).toBeInTheDocument();
    expect(screen.getByText('أيوب أيت إبراهيم')).toBeInTheDocument();
  });

  it('refuses a malformed national ID, then adds the member with a good one', async () => {
    const fake = await openFile();
    await userEvent.click(screen.getByRole('button', { name: 'Add a member' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a member' });
    await userEvent.click(within(dialog).getByLabelText(/^First name \(Arabic\)/));
    await userEvent.paste('ياسين');
    await userEvent.click(within(dialog).getByLabelText(/^Family name \(Arabic\)/));
    await userEvent.paste('أيت إبراهيم');
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Male' }));
    fireEvent.change(within(dialog).getByLabelText(/^Date of birth/), { target: { value: '2024-02-10' } });
    await chooseOption(dialog, 'Relation to the head of household', 'Child');
    await userEvent.type(within(dialog).getByLabelText(/^National ID card/), '12AB');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the member' }));

    expect(await within(dialog).findByText('Enter one or two letters then up to 7 digits, e.g. JA123456.')).toBeInTheDocument();
    expect(fake.callsTo('members:add')).toHaveLength(0);

    await userEvent.clear(within(dialog).getByLabelText(/^National ID card/));
    await userEvent.type(within(dialog).getByLabelText(/^National ID card/), 'jb 456789');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add the member' }));

    const table = screen.getByRole('table', { name: 'Members' });
    expect(await within(table).findByText('ياسين أيت إبراهيم')).toBeInTheDocument();
    expect(within(table).getByText('JB456789')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a member' })).not.toBeInTheDocument());
  });

  it('records a visit, which then heads the timeline', async () => {
    const fake = await openFile();
    await openTab(/^Visits/);
    await userEvent.click(screen.getByRole('radio', { name: 'Caravan' }));
    await userEvent.type(screen.getByLabelText(/^Notes/), 'Vue à la caravane médicale de Tafraout.');
    await userEvent.click(screen.getByRole('button', { name: 'Record the visit' }));

    expect(await screen.findByText('Vue à la caravane médicale de Tafraout.')).toBeInTheDocument();
    expect(fake.households.visits('household-1')).toHaveLength(3);
    const notes = screen.getAllByText(/caravane médicale|CIN du fils|زيارة أولى/);
    expect(notes[0]).toHaveTextContent('Vue à la caravane médicale de Tafraout.');
    expect(screen.getByLabelText(/^Notes/)).toHaveValue('');
  });

  it('attaches a photo, lists it and shows it inline', async () => {
    const fake = await openFile();
    await openTab(/^Documents/);
    const file = new File([pngBytes], 'cin-recto.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Attach a scan or a photo'), { target: { files: [file] } });

    const link = await screen.findByRole('button', { name: 'Show cin-recto.png' });
    expect(fake.households.documents('household-1')).toMatchObject([{ name: 'cin-recto.png', mime: 'image/png', size: pngBytes.length }]);
    await userEvent.click(link);
    const image = await screen.findByRole('img', { name: 'cin-recto.png' });
    expect(image.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('refuses a wrong phone correction, saves a good one and shows it in the header and the history', async () => {
    await openFile();
    await userEvent.click(screen.getByRole('button', { name: 'Edit contact' }));
    const dialog = await screen.findByRole('dialog', { name: 'Contact and notes' });
    await userEvent.type(within(dialog).getByLabelText(/^Phone number to call/), '12345');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/^Enter a Moroccan number/)).toBeInTheDocument();

    await userEvent.clear(within(dialog).getByLabelText(/^Phone number to call/));
    await userEvent.type(within(dialog).getByLabelText(/^Phone number to call/), '+212 661-223344');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('06 61 22 33 44')).toBeInTheDocument();
    expect(screen.getByText('Corrected by a social worker; the registry gives 06 12 34 56 78.')).toBeInTheDocument();

    await openTab(/^History/);
    const history = await screen.findByRole('table', { name: 'History' });
    const [latest] = within(history).getAllByRole('row').slice(1);
    expect(latest).toHaveTextContent('Amina El Idrissi');
    expect(latest).toHaveTextContent('Household · changed');
    expect(latest).toHaveTextContent('corrected phone');
  });
});
