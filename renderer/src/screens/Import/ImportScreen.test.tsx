import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../../test-utils/fake-api.ts';
import { render } from '../../test-utils/render.tsx';
import { ImportScreen } from './ImportScreen.tsx';

const header =
  'household_ref,registry_score,region,province,commune,locality,address,phone,member_ref,national_id,first_name_ar,last_name_ar,first_name_lat,last_name_lat,sex,birth_date,relation';
const row = (household: string, commune: string, member: string, cin: string, birth: string, relation: string) =>
  `${household},10.5,Souss-Massa,Tiznit,${commune},,,,${member},${cin},فاطمة,الفاسي,Fatima,El Fassi,F,${birth},${relation}`;

const extract = [
  header,
  row('RSU-1', 'Tafraout', 'P1', 'JA123456', '1980-01-23', 'head'),
  row('RSU-1', 'Tafraout', 'P2', '', '2011-08-29', 'child'),
  row('RSU-2', 'Tagmout', 'P3', 'JB765432', '12/03/1975', 'head'),
  row('RSU-3', 'Tagmout', 'P4', 'JA123456', '1979-05-02', 'head'),
].join('\n');

const csvFile = (text: string, name = 'extract-2025-06.csv') => new File([text], name, { type: 'text/csv' });

const openImport = async () => {
  const fake = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'admin' });
  render(<ImportScreen />, { api: fake.api, language: 'en' });
  await screen.findByRole('heading', { name: 'Registry import', level: 2 });
  return fake;
};

const pick = (file: File) => fireEvent.change(screen.getByLabelText('Registry extract file'), { target: { files: [file] } });

const count = (id: string) => screen.getByTestId(id).textContent;

afterEach(() => vi.restoreAllMocks());

describe('ImportScreen', () => {
  it('explains what an import does and what to do first', async () => {
    await openImport();
    expect(screen.getByText(/never overwritten/)).toBeInTheDocument();
    expect(screen.getByText(/rejected and listed line by line/)).toBeInTheDocument();
    expect(screen.getByText('Drop the registry extract here')).toBeInTheDocument();
    expect(screen.getByText('Next, a preview shows what would change. Nothing is written yet.')).toBeInTheDocument();
  });

  it('previews the file, then imports it and shows the final report', async () => {
    const fake = await openImport();
    pick(csvFile(extract));

    expect(await screen.findByRole('heading', { name: 'Preview of the import', level: 3 })).toBeInTheDocument();
    expect(fake.callsTo('import:run')[0]?.input).toMatchObject({ dryRun: true, source: { kind: 'content', name: 'extract-2025-06.csv' } });
    expect(screen.getByText('extract-2025-06.csv: 4 rows read')).toBeInTheDocument();
    expect(count('households-created')).toBe('2');
    expect(count('members-created')).toBe('3');
    expect(screen.getByText('Tagmout')).toBeInTheDocument();

    const rejected = screen.getByRole('table', { name: 'Rejected rows' });
    const rejectedRow = within(rejected).getByRole('cell', { name: 'birth_date' }).closest('tr') as HTMLElement;
    expect(within(rejectedRow).getByRole('cell', { name: '4' })).toBeInTheDocument();
    expect(within(rejectedRow).getByText('The date is not valid. Write it as YYYY-MM-DD.')).toBeInTheDocument();

    const duplicates = screen.getByRole('table', { name: 'Possible duplicates' });
    expect(within(duplicates).getByRole('cell', { name: 'JA123456' })).toBeInTheDocument();
    expect(screen.getByText(/never merged automatically/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Import now' }));
    expect(await screen.findByRole('heading', { name: 'Import finished', level: 3 })).toBeInTheDocument();
    expect(fake.callsTo('import:run')[1]?.input).toMatchObject({ dryRun: false });
    expect(await screen.findByText('Registry extract imported')).toBeInTheDocument();
    expect(count('households-created')).toBe('2');
    expect(screen.getByRole('button', { name: 'Import another file' })).toBeInTheDocument();
  });

  it('shows a translated message, and the columns to check, when the header is not the registry format', async () => {
    await openImport();
    pick(csvFile('household_ref,member_ref,first_name_ar\nRSU-1,P1,فاطمة'));
    const alert = (await screen.findByText('extract-2025-06.csv cannot be imported')).closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByText(/The header row does not match the registry extract format/)).toBeInTheDocument();
    expect(within(alert).getByText(/registry_score/)).toBeInTheDocument();
    expect(within(alert).queryByText(/does not match the registry extract format\.$/)).not.toBeInTheDocument();
    expect(screen.getByText('Drop the registry extract here')).toBeInTheDocument();
  });

  it('moves the progress bar with the core’s progress events, and stops when asked', async () => {
    const fake = await openImport();
    fake.importer.hold();
    pick(csvFile(extract));

    const bar = await screen.findByRole('progressbar');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    await waitFor(() => expect(fake.importer.isRunning()).toBe(true));

    act(() => fake.importer.progress({ phase: 'reading', done: 250, total: 1000 }));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText('Reading and checking the rows…')).toBeInTheDocument();
    act(() => fake.importer.progress({ phase: 'reading', done: 900, total: 1000 }));
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '90');
    expect(screen.getByText('90%')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('The preview was stopped. Nothing was changed.')).toBeInTheDocument();
    expect(fake.callsTo('import:cancel')).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('exports the rejected rows as CSV with line, column and reason, and no value from the file', async () => {
    await openImport();
    pick(csvFile(extract));
    await screen.findByRole('heading', { name: 'Preview of the import', level: 3 });
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:report';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    await userEvent.click(screen.getByRole('button', { name: 'Export the report' }));
    expect(click).toHaveBeenCalledTimes(1);
    const text = await (saved as Blob).text();
    expect(text).toContain('"Line","Column","Reason"');
    expect(text).toContain('"4","birth_date","The date is not valid. Write it as YYYY-MM-DD."');
    expect(text).not.toContain('12/03/1975');
    expect(text).not.toContain('JB765432');
  });

  it('pages a long list of rejected rows 50 at a time', async () => {
    await openImport();
    const bad = Array.from({ length: 120 }, (_, index) => row(`RSU-${index}`, 'Tafraout', `P${index}`, '', 'not-a-date', 'head'));
    pick(csvFile([header, row('RSU-OK', 'Tafraout', 'P-OK', '', '1980-01-01', 'head'), ...bad].join('\n')));
    const table = await screen.findByRole('table', { name: 'Rejected rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Rows 1 to 50 of 120')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(screen.getByText('Rows 101 to 120 of 120')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Rejected rows' })).getAllByRole('row')).toHaveLength(21);
  });

  it('is in the navigation of administrators only (Alt+8)', async () => {
    const { App } = await import('../../App.tsx');
    window.location.hash = '#/queue';
    const admin = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'admin' });
    const { unmount } = render(<App />, { api: admin.api, language: 'en' });
    await screen.findByRole('heading', { name: 'Queue', level: 2 });
    await userEvent.keyboard('{Alt>}8{/Alt}');
    expect(await screen.findByRole('heading', { name: 'Registry import', level: 2 })).toBeInTheDocument();
    unmount();

    window.location.hash = '#/queue';
    const manager = createFakeApi({ language: 'en' }, { session: 'unlocked', role: 'manager' });
    render(<App />, { api: manager.api, language: 'en' });
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).queryByText('Registry import')).not.toBeInTheDocument();
  });
});
