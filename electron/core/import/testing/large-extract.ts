import { readFile } from 'node:fs/promises';

export const sampleFixturePath = new URL('../../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;

/**
 * The shared sample extract repeated `times` (40 × times households) with distinct registry refs;
 * national IDs are kept on the first copy only, so no copy looks like a duplicate person.
 */
export const repeatedSampleExtract = async (times: number): Promise<string> => {
  const [header, ...rows] = (await readFile(sampleFixturePath, 'utf8')).trimEnd().split('\n');
  const columns = (header ?? '').split(',');
  const memberRef = columns.indexOf('member_ref');
  const nationalId = columns.indexOf('national_id');
  const out = [header];
  for (let copy = 0; copy < times; copy += 1) {
    for (const row of rows) {
      const cells = row.split(',');
      if (copy > 0) {
        cells[0] = `${cells[0]}-${copy}`;
        cells[memberRef] = `${cells[memberRef]}-${copy}`;
        cells[nationalId] = '';
      }
      out.push(cells.join(','));
    }
  }
  return `${out.join('\n')}\n`;
};
