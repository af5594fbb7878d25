/**
 * Search folding for people's names, national IDs and phone numbers. The same functions fold
 * what is indexed and what is typed, so both sides meet in an FTS5 column (tokenizer
 * `unicode61 remove_diacritics 0`) filled with the space-joined output of `nameTokens`.
 */

/**
 * Prefix of phonetic-key tokens. "ª" is a letter to unicode61 but NFKC rewrites it to "a", so no
 * folded name or query token can ever contain it: keys never collide with real tokens.
 */
export const keyMarker = '\u00AA';

const formatChars = /\p{Cf}/gu;
// Harakat, superscript alef, Quranic marks, tatweel, and the standalone hamza ء: typists drop
// it (هناء / هنا, سناء / سنا) and أ إ ؤ ئ already lose theirs, so hamza never carries a match.
const arabicMarks = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0621]/gu;
const arabicLetters: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ → ا
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ (what NFKC makes of ه + hamza) → ه
  '\u0649': '\u064A', // ى → ي
  '\u0626': '\u064A', // ئ → ي
  '\u06CC': '\u064A', // Persian ی → ي
  '\u0624': '\u0648', // ؤ → و
  '\u06A9': '\u0643', // Persian ک → ك
};
const arabicLetterPattern = new RegExp(`[${Object.keys(arabicLetters).join('')}]`, 'gu');
const arabicDigits = /[\u0660-\u0669\u06F0-\u06F9]/gu;

/** Folds Arabic spelling variants (NFKC, no tashkeel or tatweel, one alef, ه for ة, ي for ى); keeps "ال" and all other text. */
export function foldArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(formatChars, '')
    .replace(arabicMarks, '')
    .replace(arabicLetterPattern, (letter) => arabicLetters[letter] ?? letter)
    .replace(arabicDigits, (digit) => String(digit.charCodeAt(0) % 16));
}

const latinLetters: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th' };

/** Lower-cases, removes diacritics (of any script), turns punctuation into single spaces and trims. */
export function foldLatin(text: string): string {
  return text
    .normalize('NFKC')
    .replace(formatChars, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłıþ]/gu, (letter) => latinLetters[letter] ?? letter)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]|[\u02B9-\u02BF]/gu, ' ') // modifier apostrophes (ʼ ʿ) are letters to Unicode
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * A consonant skeleton that Maghreb transliterations of one name share: Mohamed / Muhammad →
 * "mhmd", Youssef / Yusuf / Youcef → "ysf", Aicha / Aisha → "axa". Digraphs fold (ch/sh → x,
 * kh → k, dj → j, q → k, c → s or k, ph → f, th → t), doubles collapse, vowels drop except
 * that a leading vowel becomes "a" and a trailing vowel adds "a" (Karim "krm" ≠ Karima "krma").
 * y and w count as consonants only before a vowel, ou before a vowel is w, i before a vowel is y.
 * Known collisions (Said / Saad "sd", Hassan / Hussein "hsn") are left to exact-token ranking.
 * Returns "" for tokens that are not at least three Latin letters.
 */
export function latinKey(token: string): string {
  const word = foldLatin(token).replaceAll(' ', '');
  if (!/^[a-z]{3,}$/.test(word)) return '';
  const s = word
    .replaceAll('x', 'ks')
    .replace(/(.)\1+/g, '$1')
    .replaceAll('ph', 'f')
    .replace(/[sc]h/g, 'x')
    .replace(/([tdkg])h/g, '$1')
    .replaceAll('dj', 'j')
    .replace(/ck|q/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replaceAll('c', 'k')
    .replace(/ou(?=[aeiouy])/g, 'w')
    .replaceAll('ou', 'u')
    .replace(/i(?=[aeou])/g, 'y')
    .replace(/(.)\1+/g, '$1')
    .replace(/([aeiouy])h$/, '$1') // Fatimah, Khadijah
    .replace(/([^aeiouy])e$/, '$1'); // French mute e: Amine, Yassine, Soufiane
  const isVowel = (i: number): boolean => {
    const c = s.charAt(i);
    if (c === 'y' || c === 'w') return !/[aeiou]/.test(s.charAt(i + 1));
    return /[aeiou]/.test(c);
  };
  let key = isVowel(0) ? 'a' : s.charAt(0);
  for (let i = 1; i < s.length; i += 1) if (!isVowel(i)) key += s.charAt(i);
  return s.length > 1 && isVowel(s.length - 1) ? `${key}a` : key;
}

// Prefixes indexed with and without the name they precede, and joined to it (El Fassi → fassi,
// elfassi). Only articles may be dropped from a query: "Ben Ali" must not find every Ali.
const latinArticles = new Set(['el', 'al', 'ech', 'ed', 'en', 'er', 'es', 'et', 'ez']);
const latinParticles = new Set([...latinArticles, 'ben', 'bent', 'bin', 'ibn', 'ould', 'ait', 'abd', 'abdel', 'abdal', 'abdul', 'abdoul', 'abou', 'abu']);
const arabicParticles = new Set(['عبد', 'بن', 'ابن', 'بنت', 'ولد', 'ايت', 'ابو']);
const apostrophes = /['`\u00B4\u2018\u2019\u02B9-\u02BF]/gu;

type Script = 'latin' | 'arabic' | 'other';

function scriptOf(token: string): Script {
  if (/^[a-z]+$/.test(token)) return 'latin';
  return /^[\u0600-\u06FF]+$/u.test(token) ? 'arabic' : 'other';
}

const isParticle = (token: string): boolean => latinParticles.has(token) || arabicParticles.has(token);

/** The name without an attached article: الفاسي → فاسي, elfassi → fassi, ezzahra → zahra. */
function withoutArticle(token: string): string[] {
  const match =
    /^\u0627\u0644(\p{L}{3,})$/u.exec(token) ??
    /^[ae]l([b-df-hj-np-tv-z][a-z]{2,})$/.exec(token) ??
    /^e([dlnrstz])(?=\1)([a-z]{3,})$/.exec(token);
  const rest = match?.[match.length - 1];
  return rest === undefined ? [] : [rest];
}

/** A name word with the particles typed before it (Abd El Kader → ["abd", "el"], "kader"). */
interface Unit {
  particles: string[];
  word: string;
}

/** Folds a name or query and groups particles with the word they precede (same script only). */
function toUnits(text: string): Unit[] {
  const parts = foldLatin(foldArabic(text.replace(apostrophes, ''))).split(' ').filter((part) => part !== '');
  const units: Unit[] = [];
  let particles: string[] = [];
  const flush = (): void => {
    for (const particle of particles) units.push({ particles: [], word: particle });
    particles = [];
  };
  for (const part of parts) {
    const first = particles[0];
    if (first !== undefined && scriptOf(first) !== scriptOf(part)) flush();
    if (isParticle(part)) particles.push(part);
    else {
      units.push({ particles, word: part });
      particles = [];
    }
  }
  flush();
  return units;
}

const joined = (unit: Unit): string => unit.particles.join('') + unit.word;
const unique = (tokens: Iterable<string>): string[] => [...new Set(tokens)].filter((token) => token !== '');
const keyToken = (token: string): string => {
  const key = latinKey(token);
  return key === '' ? '' : keyMarker + key;
};

/**
 * The distinct tokens to index for a full name in Arabic, Latin or both: folded words, their
 * article-less forms, particle and neighbour joins, and ª-marked Latin keys. Stable order.
 */
export function nameTokens(text: string): readonly string[] {
  const cached = tokenCache.get(text);
  if (cached) return cached;
  const tokens = Object.freeze(computeNameTokens(text));
  // Names repeat a lot across a registry: a bounded memo makes an import's indexing cheap.
  if (tokenCache.size >= maxCachedNames) tokenCache.clear();
  tokenCache.set(text, tokens);
  return tokens;
}

const tokenCache = new Map<string, readonly string[]>();
const maxCachedNames = 50_000;

function computeNameTokens(text: string): string[] {
  const units = toUnits(text);
  const plain: string[] = [];
  units.forEach((unit, index) => {
    unit.particles.forEach((_, i) => plain.push(unit.particles.slice(i).join('') + unit.word));
    plain.push(unit.word, ...withoutArticle(unit.word));
    const next = units[index + 1];
    // Compound first names are written apart or together: Fatima Zahra / Fatimazahra.
    if (next !== undefined && scriptOf(unit.word) !== 'other' && scriptOf(unit.word) === scriptOf(next.word)) {
      plain.push(joined(unit) + joined(next));
    }
  });
  return unique([...plain, ...plain.map(keyToken)]);
}

/** One typed word: any of its forms (the first as typed) or any of its keys may match. */
interface Term {
  forms: string[];
  keys: string[];
}

/** At most this many words of a query count; names rarely have more. */
const maxQueryTerms = 8;

function queryTerms(query: string): Term[] {
  return toUnits(query)
    .slice(0, maxQueryTerms)
    .map((unit) => {
      const whole = joined(unit);
      const [onlyParticle] = unit.particles;
      const dropArticle = unit.particles.length === 1 && onlyParticle !== undefined && latinArticles.has(onlyParticle);
      const forms = unique([whole, ...withoutArticle(whole), dropArticle ? unit.word : '']);
      return { forms, keys: unique(forms.map(keyToken)) };
    });
}

/** How a typed query splits: folded tokens (the last one is a prefix) and the ª-marked keys of its Latin tokens. */
export function queryTokens(query: string): { exact: string[]; keys: string[] } {
  const terms = queryTerms(query);
  return {
    exact: terms.map((term) => term.forms[0] ?? ''),
    keys: unique(terms.map((term) => keyToken(term.forms[0] ?? ''))),
  };
}

const quote = (token: string): string => `"${token.replaceAll('"', '""')}"`;

/**
 * A safe FTS5 MATCH expression for a typed name query, or null when nothing is left to search.
 * Every word must match one of its forms (the last one as a prefix) or one of its keys.
 */
export function buildFtsMatch(query: string): string | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return terms
    .map((term, index) => {
      const suffix = index === terms.length - 1 ? '*' : '';
      const options = [...term.forms.map((form) => quote(form) + suffix), ...term.keys.map(quote)];
      return options.length === 1 ? (options[0] ?? '') : `(${options.join(' OR ')})`;
    })
    .join(' AND ');
}

/** A national ID (CIN) as stored: upper-case letters and digits only ("ja-123 456" → "JA123456"). */
export function foldNationalId(text: string): string {
  return foldArabic(text)
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A phone as stored: digits only, Moroccan +212 / 00212 as a leading 0 ("+212 6 81…" → "06 81…" without spaces). */
export function foldPhone(text: string): string {
  const digits = foldArabic(text).replace(/\D/g, '');
  const national = /^(?:00)?212(\d*)$/.exec(digits)?.[1];
  if (national === undefined) return digits;
  return national.startsWith('0') ? national : `0${national}`;
}

/** Whether a search-box query looks like a CIN (one or two letters, then digits). */
export function isLikelyNationalId(query: string): boolean {
  return /^[\p{L}\p{N}\s.\-/]+$/u.test(query.trim()) && /^[A-Z]{1,2}\d{3,8}$/.test(foldNationalId(query));
}

/** Whether a search-box query looks like a phone number (phone characters only, 6 to 15 digits, starting with +, 00 or 0). */
export function isLikelyPhone(query: string): boolean {
  const typed = foldArabic(query).trim();
  const digits = typed.replace(/\D/g, '');
  return /^\+?[\d\s().\-/]+$/.test(typed) && /^(?:\+|0)/.test(typed) && digits.length >= 6 && digits.length <= 15;
}
