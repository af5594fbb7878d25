/**
 * Deterministic, realistic registry extracts (shared/fixtures/README.md) for the benchmark,
 * import tests and demo mode. The same options give the same rows on every machine; a run with
 * more households starts with exactly the rows of a run with fewer.
 */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import writeXlsxFile from 'write-excel-file/node';
import { localIsoDate, registryColumns, type RegistryColumnName } from '../import/registry-row.ts';
import { familyNames, femaleFirstNames, maleFirstNames, type NameEntry } from './names.ts';
import { dayIso, dayNumber } from './days.ts';
import { createRandom, deriveSeed, hash32, type Random } from './random.ts';
import { allCommunes, type TerritoryPlace } from './territory.ts';

export { generateCaseActivity, type CaseActivityContext, type CaseActivityOptions, type CaseActivityStore } from './activity.ts';
export { mixedSearchQueries, querySourceFromRow, type QuerySource } from './queries.ts';

export interface GeneratorOptions {
  seed: number;
  households: number;
  /** Number of the first household (its ref is `RSU-XXX-<startRef padded to 7>`); default 1. Runs with disjoint ranges never share a ref or a CIN. */
  startRef?: number;
  /** YYYY-MM-DD that ages are counted from; default today on this machine (pass it for byte-identical output on any day). */
  today?: string;
}

/** One extract row: every README column, in the registry's order. */
export type RegistryRow = Record<RegistryColumnName, string>;

export interface WrittenExtract {
  households: number;
  members: number;
  bytes: number;
}

export const registryColumnNames: readonly RegistryColumnName[] = registryColumns.map((column) => column.name);

/** The most an XLSX extract is generated for: write-excel-file builds the sheet in memory. */
export const maxXlsxHouseholds = 5000;
const maxHouseholdNumber = 9_999_999;
const membersPerHouseholdSlot = 9;

// ---------------------------------------------------------------- weighted pools

type Picker<T> = (random: Random) => T;

/** Picks by cumulative weight with a binary search: called millions of times for 100,000 households. */
const weightedPicker = <T>(items: readonly T[], weightOf: (item: T) => number): Picker<T> => {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return (random) => {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
};

/** A picker over [value, weight] pairs. */
const pairPicker = <T>(pairs: readonly (readonly [T, number])[]): Picker<T> => {
  const pickPair = weightedPicker(pairs, ([, weight]) => weight);
  return (random) => pickPair(random)[0];
};

const pickFemale = weightedPicker(femaleFirstNames, (entry) => entry.weight ?? 1);
const pickMale = weightedPicker(maleFirstNames, (entry) => entry.weight ?? 1);
const pickFamily = weightedPicker(familyNames, (entry) => entry.weight ?? 1);
const pickPlace = weightedPicker(allCommunes, (place) => place.commune.weight);
const firstName = (random: Random, sex: Sex): NameEntry => (sex === 'F' ? pickFemale(random) : pickMale(random));

/** A family name other than `not` (wives keep their own name; mothers come from another family). */
const otherFamily = (random: Random, not: NameEntry): NameEntry => {
  for (;;) {
    const entry = pickFamily(random);
    if (entry !== not) return entry;
  }
};

/** The registry's Latin spelling: usually the common one, sometimes a variant. */
const spelling = (random: Random, entry: NameEntry): string => {
  const [common, ...variants] = entry.lat;
  if (variants.length === 0 || random.chance(0.72)) return common ?? '';
  return random.pick(variants);
};

// Household size 1–9, mean ≈ 5 once young heads' smaller households are counted.
const pickSize = pairPicker<number>([
  [1, 3],
  [2, 7],
  [3, 11],
  [4, 15],
  [5, 18],
  [6, 16],
  [7, 13],
  [8, 9],
  [9, 8],
]);

const pickHeadAge: Picker<number> = (random) => {
  const [low, high] = random.weighted([
    [[20, 29], 10],
    [[30, 39], 24],
    [[40, 49], 26],
    [[50, 59], 19],
    [[60, 69], 13],
    [[70, 88], 8],
  ] as const);
  return random.int(low, high);
};

// ---------------------------------------------------------------- national IDs

/** CIN prefixes (issuing office letters); one-letter ones are older cards, often with 5 digits. */
const cinPrefixes = ['J', 'JA', 'JB', 'JC', 'JE', 'JF', 'JH', 'JK', 'JM', 'JT', 'JY', 'JZ', 'S', 'SH', 'SJ', 'F', 'FA', 'FB', 'FH', 'FJ', 'D', 'DA', 'DN', 'Z'] as const;

/**
 * A CIN that is a one-to-one function of the member key `n`: n → (prefix class, m) is a bijection
 * (the class is n mod K shifted by a hash of m), and, within a class, m → digits is injective (a
 * length bucket, then an affine permutation of the bucket: the multiplier is prime to 2, 3 and 5,
 * the offset differs per class so neighbours do not share digits). So no two members of a run,
 * or of runs with disjoint household ranges, share a CIN.
 */
export const nationalIdFor = (n: number): string => {
  const classes = cinPrefixes.length;
  const m = Math.floor(n / classes);
  const cls = ((n % classes) + (hash32(m) % classes)) % classes;
  const prefix = cinPrefixes[cls] ?? 'J';
  let rest = m;
  for (const length of prefix.length === 1 ? [5, 6, 7] : [6, 7]) {
    const size = 9 * 10 ** (length - 1);
    if (rest < size) return `${prefix}${10 ** (length - 1) + ((rest * 48_271 + (hash32(cls * 16 + length) % size)) % size)}`;
    rest -= size;
  }
  throw new RangeError('Member key out of range for a CIN.');
};

/** The member key: 9 slots per household number, so refs and CINs never depend on other households. */
const memberKey = (householdNumber: number, position: number): number => (householdNumber - 1) * membersPerHouseholdSlot + position;

// ---------------------------------------------------------------- households

type Sex = 'F' | 'M';
type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'other';

interface Person {
  relation: Relation;
  sex: Sex;
  age: number;
  first: NameEntry;
  family: NameEntry;
}

const otherSex = (sex: Sex): Sex => (sex === 'F' ? 'M' : 'F');
const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Who lives in the household: one head, usually a spouse, children of plausible ages, sometimes a parent. */
const composeHousehold = (random: Random): Person[] => {
  const headSex: Sex = random.chance(0.22) ? 'F' : 'M';
  let headAge = pickHeadAge(random);
  // A young head rarely has a large household.
  const size = Math.min(pickSize(random), 3 + Math.floor((headAge - 18) / 4));
  if (size === 1 && random.chance(0.5)) headAge = random.int(60, 88);
  const headFamily = pickFamily(random);
  const head: Person = { relation: 'head', sex: headSex, age: headAge, first: firstName(random, headSex), family: headFamily };
  const people: Person[] = [head];
  let slots = size - 1;

  let spouse: Person | undefined;
  if (slots > 0 && random.chance(headSex === 'M' ? 0.9 : 0.3)) {
    const sex = otherSex(headSex);
    const age = headSex === 'M' ? clamp(headAge - random.int(0, 10), 18, 95) : clamp(headAge + random.int(0, 8), 19, 98);
    spouse = { relation: 'spouse', sex, age, first: firstName(random, sex), family: otherFamily(random, headFamily) };
    people.push(spouse);
    slots -= 1;
  }

  const extra: Person[] = [];
  if (slots > 0 && headAge <= 64 && random.chance(0.14)) {
    const age = headAge + random.int(20, 34);
    if (age <= 98) {
      const sex: Sex = random.chance(0.7) ? 'F' : 'M';
      extra.push({ relation: 'parent', sex, age, first: firstName(random, sex), family: sex === 'M' ? headFamily : otherFamily(random, headFamily) });
      slots -= 1;
    }
  }
  if (slots > 1 && random.chance(0.06)) {
    const sex: Sex = random.chance(0.5) ? 'F' : 'M';
    const sibling = random.chance(0.6);
    extra.push({
      relation: sibling ? 'sibling' : 'other',
      sex,
      age: sibling ? clamp(headAge + random.int(-12, 12), 16, 90) : random.int(3, 80),
      first: firstName(random, sex),
      family: sibling ? headFamily : pickFamily(random),
    });
    slots -= 1;
  }

  // Children carry their father's family name; a woman heading the household alone is most often widowed or divorced.
  const father = headSex === 'M' ? head : spouse;
  const childFamily = father?.family ?? (random.chance(0.3) ? headFamily : otherFamily(random, headFamily));
  const mother = headSex === 'F' ? head : spouse;
  const motherAge = mother?.age ?? headAge - 6;
  const youngest = Math.max(0, motherAge - 45);
  const eldest = Math.max(youngest, Math.min(motherAge - 17, 42));
  const children: Person[] = [];
  for (; slots > 0; slots -= 1) {
    const sex: Sex = random.chance(0.5) ? 'F' : 'M';
    // Brothers and sisters rarely share a first name, or their parents'.
    let first = firstName(random, sex);
    for (let retry = 0; retry < 3 && [...people, ...children].some((person) => person.first === first); retry += 1) first = firstName(random, sex);
    children.push({ relation: 'child', sex, age: random.int(youngest, eldest), first, family: childFamily });
  }
  children.sort((a, b) => b.age - a.age);
  return [...people, ...children, ...extra];
};

const pickCoverage = pairPicker<'none' | 'amo_tadamon' | 'amo' | 'other'>([
  ['amo_tadamon', 62],
  ['none', 15],
  ['amo', 18],
  ['other', 5],
]);

type Education = 'none' | 'primary' | 'lower_secondary' | 'upper_secondary' | 'vocational' | 'higher';
const educationByCohort = {
  young: [['none', 12], ['primary', 25], ['lower_secondary', 25], ['upper_secondary', 20], ['vocational', 8], ['higher', 10]],
  middle: [['none', 35], ['primary', 30], ['lower_secondary', 15], ['upper_secondary', 10], ['vocational', 5], ['higher', 5]],
  old: [['none', 58], ['primary', 28], ['lower_secondary', 7], ['upper_secondary', 4], ['vocational', 1], ['higher', 2]],
} as const satisfies Record<string, readonly (readonly [Education, number])[]>;

type Employment = 'employed' | 'self_employed' | 'unemployed' | 'inactive' | 'student' | 'retired';

interface MemberFacts {
  education: string;
  inSchool: string;
  employment: string;
}

const childFacts = (random: Random, age: number): MemberFacts => {
  if (age < 6) return { education: 'none', inSchool: '', employment: '' };
  if (random.chance(0.88)) {
    const education: Education = age <= 11 ? 'primary' : age <= 14 ? 'lower_secondary' : random.chance(0.1) ? 'vocational' : 'upper_secondary';
    return { education, inSchool: 'yes', employment: 'student' };
  }
  const education: Education = age < 9 ? 'none' : age <= 13 || random.chance(0.5) ? 'primary' : 'lower_secondary';
  const employment: Employment =
    age < 15 ? 'inactive' : random.weighted([['unemployed', 30], ['employed', 15], ['self_employed', 10], ['inactive', 45]] as const);
  return { education, inSchool: 'no', employment };
};

const adultFacts = (random: Random, age: number, sex: Sex): MemberFacts => {
  const cohort = age < 40 ? educationByCohort.young : age < 60 ? educationByCohort.middle : educationByCohort.old;
  let education = random.weighted(cohort);
  // Women of these districts less often went to school.
  if (sex === 'F' && education !== 'none' && age >= 30 && random.chance(0.15)) education = 'none';
  let employment: Employment;
  if (age >= 60) {
    employment =
      sex === 'M'
        ? random.weighted([['retired', 30], ['inactive', 40], ['self_employed', 25], ['employed', 5]] as const)
        : random.weighted([['inactive', 80], ['retired', 8], ['self_employed', 12]] as const);
  } else {
    const student = age <= 24 && (education === 'upper_secondary' || education === 'higher' || education === 'vocational') ? 40 : 0;
    employment =
      sex === 'M'
        ? random.weighted([['employed', 30], ['self_employed', 30], ['unemployed', 22], ['inactive', 6], ['student', student]] as const)
        : random.weighted([['employed', 12], ['self_employed', 15], ['unemployed', 18], ['inactive', 50], ['student', student]] as const);
  }
  return { education, inSchool: '', employment };
};

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

const address = (random: Random, place: TerritoryPlace, locality: string): string => {
  const number = random.int(1, 250);
  if (!place.commune.urban && random.chance(0.4)) return '';
  return random.weighted([
    [`N° ${number} ${locality}`, 4],
    [`${locality}, N° ${number}`, 3],
    [`رقم ${number}، ${place.commune.nameAr}`, 2],
    [place.commune.urban ? `${number} Rue ${random.pick(streets)}, ${locality}` : `Près de l'école, ${locality}`, place.commune.urban ? 3 : 1],
    [`Derb ${random.pick(streets)} N° ${number}`, place.commune.urban ? 1 : 0],
    [`Immeuble "${random.pick(streets)}", App ${random.int(1, 12)}`, place.commune.urban ? 0.2 : 0],
  ] as const);
};
const streets = ['Al Andalous', 'Al Massira', 'Moulay Ismail', 'Hassan II', 'Mohammed V', 'Al Amal', 'Ennakhil', 'Al Wahda', 'Lalla Aicha', 'Ibn Battouta'] as const;

const earliestBirthDay = dayNumber('1900-01-01');

/** The day someone turns `age` years old on the date `day` (29 February counts as the 28th): born after the next one, she is younger. */
const birthdayOn = (day: number, age: number): number => {
  const date = new Date(day * 86_400_000);
  const month = date.getUTCMonth();
  const dayOfMonth = month === 1 && date.getUTCDate() === 29 ? 28 : date.getUTCDate();
  return Date.UTC(date.getUTCFullYear() - age, month, dayOfMonth) / 86_400_000;
};

const phone = (random: Random): string => `${random.chance(0.65) ? '06' : '07'}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;

const checkOptions = (options: GeneratorOptions): { startRef: number; todayDay: number } => {
  const startRef = options.startRef ?? 1;
  if (!Number.isInteger(options.households) || options.households < 0) throw new RangeError('households must be a whole number ≥ 0.');
  if (!Number.isInteger(startRef) || startRef < 1 || startRef + options.households - 1 > maxHouseholdNumber) {
    throw new RangeError(`Household numbers must stay within 1..${maxHouseholdNumber}.`);
  }
  return { startRef, todayDay: dayNumber(options.today ?? localIsoDate()) };
};

/**
 * Registry extract rows, one per member, household after household (head first), deterministic
 * for given options. Household refs are `RSU-<province code>-<7 digits>`, member refs `P<9 digits>`
 * and CINs (adults only) are functions of the household number and position, so they are unique
 * across a run of any size and across runs with disjoint `startRef` ranges.
 */
export function* generateRegistryRows(options: GeneratorOptions): Generator<RegistryRow> {
  const { startRef, todayDay } = checkOptions(options);
  const random = createRandom(deriveSeed(options.seed, 1));
  for (let index = 0; index < options.households; index += 1) {
    const number = startRef + index;
    const place = pickPlace(random);
    const locality = random.chance(0.95) ? random.pick(place.commune.localities) : '';
    const household = {
      household_ref: `RSU-${place.province.code}-${String(number).padStart(7, '0')}`,
      registry_score: random.normal(9.5, 1.5, 3, 16).toFixed(4),
      region: place.region.name,
      province: place.province.name,
      commune: place.commune.name,
      locality,
      address: address(random, place, locality || place.commune.name),
      phone: random.chance(0.8) ? phone(random) : '',
    };
    const coverage = pickCoverage(random);
    // Each family's spelling is chosen once per household; a member's own record sometimes differs.
    const familySpellings = new Map<NameEntry, string>();
    const people = composeHousehold(random);
    for (let position = 0; position < people.length; position += 1) {
      const person = people[position] as Person;
      const key = memberKey(number, position);
      const adult = person.age >= 18;
      const birthDay = Math.max(earliestBirthDay, random.int(birthdayOn(todayDay, person.age + 1) + 1, birthdayOn(todayDay, person.age)));
      const facts = adult ? adultFacts(random, person.age, person.sex) : childFacts(random, person.age);
      let family = familySpellings.get(person.family);
      if (family === undefined) {
        family = spelling(random, person.family);
        familySpellings.set(person.family, family);
      } else if (random.chance(0.08)) family = spelling(random, person.family);
      const noLatin = random.chance(0.02);
      const sick = random.chance(person.age < 18 ? 0.03 : person.age < 60 ? 0.1 : 0.32);
      const disabled = random.chance(person.age < 60 ? 0.035 : 0.08);
      yield {
        ...household,
        member_ref: `P${String(key + 1).padStart(9, '0')}`,
        national_id: adult ? nationalIdFor(key) : '',
        first_name_ar: person.first.ar,
        last_name_ar: person.family.ar,
        first_name_lat: noLatin ? '' : spelling(random, person.first),
        last_name_lat: noLatin ? '' : family,
        sex: person.sex,
        birth_date: dayIso(birthDay),
        relation: person.relation,
        education: facts.education,
        in_school: facts.inSchool,
        employment: facts.employment,
        disability: yesNo(disabled),
        chronic_illness: yesNo(sick),
        health_coverage: random.chance(0.92) ? coverage : pickCoverage(random),
      };
    }
  }
}

// ---------------------------------------------------------------- files

const needsQuotes = /[",\r\n]/;
/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
export const csvField = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLine = (cells: readonly string[]): string => `${cells.map(csvField).join(',')}\r\n`;

const chunkChars = 256 * 1024;

/**
 * Writes a generated extract as UTF-8 CSV (RFC 4180, CRLF line ends), streaming: memory stays
 * flat whatever the number of households.
 */
export const writeRegistryCsv = async (path: string, options: GeneratorOptions): Promise<WrittenExtract> => {
  checkOptions(options);
  const counts = { members: 0, bytes: 0 };
  function* chunks(): Generator<string> {
    let chunk = csvLine(registryColumnNames);
    for (const row of generateRegistryRows(options)) {
      counts.members += 1;
      chunk += csvLine(registryColumnNames.map((name) => row[name]));
      if (chunk.length >= chunkChars) {
        counts.bytes += Buffer.byteLength(chunk);
        yield chunk;
        chunk = '';
      }
    }
    counts.bytes += Buffer.byteLength(chunk);
    yield chunk;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path));
  return { households: options.households, members: counts.members, bytes: counts.bytes };
};

/** Writes a generated extract as XLSX (header on the first sheet; the score as a number, the rest as text). Small extracts only. */
export const writeRegistryXlsx = async (path: string, options: GeneratorOptions): Promise<WrittenExtract> => {
  checkOptions(options);
  if (options.households > maxXlsxHouseholds) {
    throw new RangeError(`XLSX extracts are generated for at most ${maxXlsxHouseholds} households; use CSV for more.`);
  }
  const sheet: (string | number)[][] = [[...registryColumnNames]];
  for (const row of generateRegistryRows(options)) {
    sheet.push(registryColumnNames.map((name) => (name === 'registry_score' ? Number(row[name]) : row[name])));
  }
  await writeXlsxFile(sheet).toFile(path);
  return { households: options.households, members: sheet.length - 1, bytes: (await stat(path)).size };
};
