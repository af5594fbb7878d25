import { familyNames, femaleFirstNames, maleFirstNames, type NameEntry } from './names.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';

/** What a search query can be made from: one member of a household (empty or null where unknown). */
export interface QuerySource {
  firstNameAr: string;
  lastNameAr: string;
  firstNameLat?: string | null;
  lastNameLat?: string | null;
  nationalId?: string | null;
  phone?: string | null;
  householdRef?: string | null;
}

/** A generated registry row as a query source. */
export const querySourceFromRow = (row: Readonly<Record<string, string>>): QuerySource => ({
  firstNameAr: row.first_name_ar ?? '',
  lastNameAr: row.last_name_ar ?? '',
  firstNameLat: row.first_name_lat || null,
  lastNameLat: row.last_name_lat || null,
  nationalId: row.national_id || null,
  phone: row.phone || null,
  householdRef: row.household_ref || null,
});

const latinIndex = new Map<string, NameEntry>();
for (const entry of [...maleFirstNames, ...femaleFirstNames, ...familyNames]) {
  for (const spelling of entry.lat) latinIndex.set(spelling.toLowerCase(), entry);
}

/** Another registry spelling of the same name (Mohammed for Mohamed, Al Fassi for El Fassi), else the name itself. */
const variantOf = (random: Random, latin: string): string => {
  const others = (latinIndex.get(latin.toLowerCase())?.lat ?? []).filter((spelling) => spelling.toLowerCase() !== latin.toLowerCase());
  const article = /^(El|Al) /i.exec(latin);
  if (article && random.chance(0.5)) return `${article[1]?.toLowerCase() === 'el' ? 'Al' : 'El'} ${latin.slice(3)}`;
  return others.length > 0 ? random.pick(others) : latin;
};

/** Arabic as typed on a phone: bare alef for أ إ آ, ه for ة, ي for ى. */
const lazyArabic = (text: string): string => text.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');

/** The first 3–4 letters typed; after the article, 2–3 more. */
const prefix = (random: Random, word: string): string => {
  const letters = [...word.split(' ')[0] ?? word];
  const start = letters.slice(0, 2).join('') === 'ال' ? 2 : 0;
  return letters.slice(0, start + random.int(3, 4)).join('');
};

const maybeLower = (random: Random, text: string): string => (random.chance(0.4) ? text.toLowerCase() : text);

const phoneForms = (random: Random, phone: string): string => {
  const national = phone.replace(/^\+212/, '0');
  const rest = national.slice(1);
  const pairs = national.match(/../g)?.join(' ') ?? national;
  return random.weighted([
    [national, 3],
    [`+212${rest}`, 2],
    [`+212 ${rest.slice(0, 1)} ${rest.slice(1).match(/../g)?.join(' ') ?? rest.slice(1)}`, 1],
    [pairs, 2],
    [national.match(/../g)?.join('-') ?? national, 1],
    [`00212${rest}`, 1],
  ] as const);
};

type Kind = 'arabic' | 'arabicLazy' | 'arabicPrefix' | 'arabicFirst' | 'latin' | 'latinVariant' | 'latinPrefix' | 'nationalId' | 'phone' | 'ref';

// Out of 20 queries: 8 Arabic, 7 Latin, 5 numbers or refs.
const schedule: readonly (readonly [Kind, number])[] = [
  ['arabic', 3],
  ['arabicLazy', 2],
  ['arabicPrefix', 2],
  ['arabicFirst', 1],
  ['latin', 2],
  ['latinVariant', 3],
  ['latinPrefix', 2],
  ['nationalId', 2],
  ['phone', 2],
  ['ref', 1],
];

const queryOf = (random: Random, kind: Kind, row: QuerySource): string | null => {
  const firstLat = row.firstNameLat ?? '';
  const lastLat = row.lastNameLat ?? '';
  switch (kind) {
    case 'arabic':
      return random.chance(0.8) ? `${row.firstNameAr} ${row.lastNameAr}` : `${row.lastNameAr} ${row.firstNameAr}`;
    case 'arabicLazy': {
      const typed = lazyArabic(`${row.firstNameAr} ${row.lastNameAr}`);
      return typed === `${row.firstNameAr} ${row.lastNameAr}` ? null : typed;
    }
    case 'arabicPrefix':
      return random.chance(0.5) ? prefix(random, row.firstNameAr) : `${row.firstNameAr} ${prefix(random, row.lastNameAr)}`;
    case 'arabicFirst':
      return random.chance(0.5) ? row.firstNameAr : lazyArabic(row.firstNameAr);
    case 'latin':
      if (!firstLat || !lastLat) return null;
      return maybeLower(random, random.chance(0.75) ? `${firstLat} ${lastLat}` : `${lastLat} ${firstLat}`);
    case 'latinVariant': {
      if (!firstLat || !lastLat) return null;
      const first = random.chance(0.7) ? variantOf(random, firstLat) : firstLat;
      const last = random.chance(0.6) ? variantOf(random, lastLat) : lastLat;
      return maybeLower(random, `${first} ${last}`);
    }
    case 'latinPrefix':
      if (!firstLat || !lastLat) return null;
      return random.chance(0.5) ? prefix(random, firstLat).toLowerCase() : `${firstLat} ${prefix(random, lastLat)}`.toLowerCase();
    case 'nationalId': {
      const id = row.nationalId;
      if (!id) return null;
      const letters = /^[A-Z]+/i.exec(id)?.[0] ?? '';
      return random.weighted([
        [id, 5],
        [id.toLowerCase(), 2],
        [`${letters} ${id.slice(letters.length)}`, 1],
        [id.slice(0, letters.length + random.int(3, 4)), 1],
      ] as const);
    }
    case 'phone':
      return row.phone ? phoneForms(random, row.phone) : null;
    case 'ref':
      return row.householdRef ? (random.chance(0.7) ? row.householdRef : row.householdRef.toLowerCase()) : null;
  }
};

/**
 * `count` search queries as staff type them, mixed in fixed proportions: Arabic names (some
 * typed the lazy way, ة→ه and أ→ا), Latin names and registry variants of them (Mohammed for
 * Mohamed, Al for El), 3–4 letter prefixes, national IDs, phones (06…, +212…, spaced) and
 * household refs. Deterministic for a seed and the same rows.
 */
export const mixedSearchQueries = (seed: number, rows: readonly QuerySource[], count: number): string[] => {
  if (rows.length === 0) throw new RangeError('mixedSearchQueries needs at least one row.');
  const random = createRandom(deriveSeed(seed, 3));
  const kinds = random.shuffle(schedule.flatMap(([kind, weight]) => Array.from({ length: weight }, () => kind)));
  const queries: string[] = [];
  for (let index = 0; queries.length < count; index += 1) {
    const kind = kinds[index % kinds.length] as Kind;
    let query: string | null = null;
    // A row without that field (a child has no CIN, some households no phone): try other rows.
    for (let attempt = 0; attempt < 20 && query === null; attempt += 1) query = queryOf(random, kind, random.pick(rows));
    query ??= `${random.pick(rows).firstNameAr}`;
    queries.push(query.trim());
  }
  return queries;
};
