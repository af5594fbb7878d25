import { describe, expect, it } from 'vitest';
import {
  buildFtsMatch,
  foldArabic,
  foldLatin,
  foldNationalId,
  foldPhone,
  isLikelyNationalId,
  isLikelyPhone,
  keyMarker,
  latinKey,
  nameTokens,
  queryTokens,
} from './folding.ts';

/** Evaluates the MATCH expression the way FTS5 would over one row's tokens (phrases, "tok"*, AND, OR, parentheses). */
function evaluate(expression: string, tokens: readonly string[]): boolean {
  const lexemes = expression.match(/"(?:[^"]|"")*"\*?|\(|\)|AND|OR/g) ?? [];
  let at = 0;
  const primary = (): boolean => {
    const lexeme = lexemes[at++];
    if (lexeme === '(') {
      const value = anyOf();
      at++;
      return value;
    }
    if (lexeme === undefined || !lexeme.startsWith('"')) throw new Error(`unexpected ${String(lexeme)}`);
    const prefix = lexeme.endsWith('*');
    const text = lexeme.slice(1, prefix ? -2 : -1).replaceAll('""', '"');
    return tokens.some((token) => (prefix ? token.startsWith(text) : token === text));
  };
  const allOf = (): boolean => {
    let value = primary();
    while (lexemes[at] === 'AND') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const anyOf = (): boolean => {
    let value = allOf();
    while (lexemes[at] === 'OR') {
      at++;
      value = allOf() || value;
    }
    return value;
  };
  return anyOf();
}

/** Whether a household member called `name` is found when a worker types `query`. */
function matches(name: string, query: string): boolean {
  const expression = buildFtsMatch(query);
  return expression !== null && evaluate(expression, nameTokens(name));
}

/** Every spelling of a group finds every other one, whichever is indexed and whichever typed. */
function expectGroupMeets(group: readonly string[]): void {
  for (const name of group) {
    for (const query of group) expect(matches(name, query), `${query} → ${name}`).toBe(true);
  }
}

describe('foldArabic', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إبراهيم', 'ابراهيم'],
    ['آمنة', 'امنه'],
    ['ٱلحسن', 'الحسن'],
    ['فاطمة', 'فاطمه'],
    ['مصطفى', 'مصطفي'],
    ['عائشة', 'عايشه'],
    ['لؤي', 'لوي'],
    ['مُحَمَّد', 'محمد'],
    ['عبد الرحمٰن', 'عبد الرحمن'],
    ['عَبۡدُ', 'عبد'],
    ['محـــمد', 'محمد'],
    ['محم\u200Cد', 'محمد'],
    ['کریم', 'كريم'],
    ['ﻣﺤﻤﺪ', 'محمد'],
    ['ﻻمية', 'لاميه'],
    ['٠٦٨١٥٩٠٨٣٠', '0681590830'],
    ['۱۲۳', '123'],
  ])('folds %s to %s', (typed, folded) => {
    expect(foldArabic(typed)).toBe(folded);
  });

  it('drops the standalone hamza, so هناء and هنا meet', () => {
    expect(foldArabic('هناء')).toBe('هنا');
    expect(foldArabic('سناء')).toBe(foldArabic('سنا'));
  });

  it('keeps the article and leaves Latin text alone', () => {
    expect(foldArabic('الفاسي Aïcha')).toBe('الفاسي Aïcha');
  });
});

describe('foldLatin', () => {
  it('lower-cases, removes accents and turns punctuation into single spaces', () => {
    expect(foldLatin('  Aïcha   EL-FASSI, Saïd.  ')).toBe('aicha el fassi said');
    expect(foldLatin('Françoise Œuvray Straße')).toBe('francoise oeuvray strasse');
    expect(foldLatin('M’hamed Nʼdiaye')).toBe('m hamed n diaye');
  });
});

describe('latinKey', () => {
  it.each([
    [['Mohamed', 'Mohammed', 'Muhammad', 'Mohammad', 'Mhamed'], 'mhmd'],
    [['Youssef', 'Youssif', 'Yusuf', 'Youcef'], 'ysf'],
    [['Fatima', 'Fatema', 'Fatimah'], 'ftma'],
    [['Khadija', 'Khadidja', 'Khadijah'], 'kdja'],
    [['Abdelkader', 'Abdelqader', 'Abd El Kader', 'Abdul Kader'], 'abdlkdr'],
    [['Aicha', 'Aïcha', 'Aisha'], 'axa'],
    [['Hassan', 'Hasan'], 'hsn'],
    [['Zineb', 'Zaynab', 'Zainab'], 'znb'],
    [['Rachid', 'Rashid'], 'rxd'],
    [['Said', 'Saïd', 'Saeed'], 'sd'],
    [['Meryem', 'Mariam', 'Maryam', 'Meriem'], 'mrym'],
    [['Redouane', 'Ridwan'], 'rdwn'],
  ])('gives %j the key %s', (spellings, key) => {
    for (const spelling of spellings) expect(latinKey(spelling)).toBe(key);
  });

  it('keeps a trailing vowel, so masculine and feminine names stay apart', () => {
    expect(latinKey('Karim')).not.toBe(latinKey('Karima'));
    expect(latinKey('Hassan')).not.toBe(latinKey('Hasna'));
  });

  it('accepts that Said and Saad share a key; exact tokens still tell them apart', () => {
    expect(latinKey('Saad')).toBe(latinKey('Said'));
    expect(matches('Saad', 'Said')).toBe(true);
    expect(queryTokens('Said').exact).not.toEqual(queryTokens('Saad').exact);
  });

  it('has no key for Arabic, digits or very short tokens', () => {
    expect(latinKey('محمد')).toBe('');
    expect(latinKey('123456')).toBe('');
    expect(latinKey('el')).toBe('');
  });
});

describe('nameTokens', () => {
  it('indexes an Arabic name with and without the article', () => {
    const tokens = nameTokens('محمد الفاسي');
    expect(tokens).toContain('الفاسي');
    expect(tokens).toContain('فاسي');
    expect(nameTokens('عبد الله')).not.toContain('له');
  });

  it('indexes a Latin particle name split, joined and without the article', () => {
    const tokens = nameTokens('Mohamed El-Fassi');
    expect(tokens).toEqual(expect.arrayContaining(['mohamed', 'elfassi', 'fassi', `${keyMarker}mhmd`, `${keyMarker}alfsa`]));
    expect(tokens).not.toContain('el');
  });

  it('gives distinct FTS-safe tokens in a stable order, plain tokens first', () => {
    const tokens = nameTokens('  Fatima-Zahra  Ben Ali / فاطمة الزهراء بن علي ');
    expect(tokens).toEqual(nameTokens('  Fatima-Zahra  Ben Ali / فاطمة الزهراء بن علي '));
    expect(tokens[0]).toBe('fatima');
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
    const firstKey = tokens.findIndex((token) => token.startsWith(keyMarker));
    expect(tokens.slice(firstKey).every((token) => token.startsWith(keyMarker))).toBe(true);
  });

  it('never lets a typed token collide with a key', () => {
    expect(nameTokens('ªmhmd')).not.toContain(`${keyMarker}mhmd`);
    expect(queryTokens('ªmhmd').exact).toEqual(['amhmd']);
  });

  it('gives nothing for an empty or punctuation-only name', () => {
    expect(nameTokens('')).toEqual([]);
    expect(nameTokens(' - . ’ ')).toEqual([]);
  });
});

describe('name search', () => {
  it.each([
    [['أحمد', 'احمد', 'إحمد']],
    [['فاطمة', 'فاطمه']],
    [['مصطفى', 'مصطفي']],
    [['عائشة', 'عايشه', 'عايشة']],
    [['مُحَمَّد', 'محمد', 'محـــمد']],
    [['الفاسي', 'فاسي']],
    [['عبد القادر', 'عبدالقادر']],
    [['Mohamed', 'Mohammed', 'Muhammad', 'Mohammad', 'Mhamed', "M'hamed"]],
    [['Youssef', 'Youssif', 'Yusuf', 'Youcef']],
    [['Fatima', 'Fatema', 'Fatimah']],
    [['Khadija', 'Khadidja', 'Khadijah']],
    [['Abdelkader', 'Abdelqader', 'Abd El Kader', 'Abdul Kader']],
    [['Aicha', 'Aïcha', 'Aisha']],
    [['Hassan', 'Hasan']],
    [['El Fassi', 'Al Fassi', 'Elfassi', 'El-Fassi', 'Fassi']],
    [['Zineb', 'Zaynab']],
    [['Rachid', 'Rashid']],
    [['Said', 'Saïd', 'Saeed']],
  ])('%j all find each other', (group) => {
    expectGroupMeets(group);
  });

  it.each([
    ['Fatima', 'Fadwa'],
    ['Karim', 'Kamal'],
    ['Hassan', 'Hasna'],
    ['Mohamed', 'Ahmed'],
    ['Youssef', 'Yassine'],
    ['Khadija', 'Khalid'],
    ['فاطمة', 'فضيلة'],
  ])('%s and %s do not find each other', (one, other) => {
    expect(matches(one, other)).toBe(false);
    expect(matches(other, one)).toBe(false);
  });

  it.each([
    ['Karim', 'Karima'],
    ['Said', 'Saida'],
    ['Rachid', 'Rachida'],
  ])('%s is not found by %s (the other way round is a prefix being typed)', (name, query) => {
    expect(matches(name, query)).toBe(false);
  });

  it('finds a full name from any of its words, in any spelling, the last one being typed', () => {
    const name = 'Mohamed El Fassi محمد الفاسي';
    for (const query of ['moh', 'Mohammed Elfassi', 'Muhammad Al-Fassi', 'fass', 'el f', 'محمد الفا', 'فاس', 'محمد Fassi']) {
      expect(matches(name, query), query).toBe(true);
    }
    expect(matches(name, 'Mohamed Alaoui')).toBe(false);
  });

  it('does not drop Ben, Ould or Ait from a query', () => {
    expect(matches('Ben Ali Mohamed', 'Ben Ali')).toBe(true);
    expect(matches('Benali Mohamed', 'Ben Ali')).toBe(true);
    expect(matches('Ali Mohamed', 'Ben Ali')).toBe(false);
    expect(matches('Ait Ali Said', 'Ould Ali')).toBe(false);
  });

  it('finds compound first names written apart or together', () => {
    expect(matches('Fatima Zahra Bennani', 'Fatimazahra')).toBe(true);
    expect(matches('Fatima-Ezzahra Bennani', 'Fatima Zahra')).toBe(true);
  });
});

describe('queryTokens', () => {
  it('splits a query into folded tokens, joining particles, and the keys of its Latin tokens', () => {
    expect(queryTokens('Mohammed  El-Fassi')).toEqual({ exact: ['mohammed', 'elfassi'], keys: [`${keyMarker}mhmd`, `${keyMarker}alfsa`] });
    expect(queryTokens('أحمد بن علي')).toEqual({ exact: ['احمد', 'بنعلي'], keys: [] });
    expect(queryTokens(' ;; ')).toEqual({ exact: [], keys: [] });
  });
});

describe('buildFtsMatch', () => {
  it('quotes every token and makes the last one a prefix', () => {
    expect(buildFtsMatch('Karim Bennani')).toBe(`("karim" OR "${keyMarker}krm") AND ("bennani"* OR "${keyMarker}bnna")`);
    expect(buildFtsMatch('الفاسي')).toBe('("الفاسي"* OR "فاسي"*)');
  });

  it.each(['', '   ', '-*:()"', '’ .'])('gives null for %j', (query) => {
    expect(buildFtsMatch(query)).toBeNull();
  });

  it.each(['Mohamed" OR name:*', 'NEAR(fatima karim, 2)', '-said ^rachid', 'a AND NOT b', '"" "*" col:x', 'x* OR y'])(
    'neutralises FTS syntax in %j',
    (hostile) => {
      const expression = buildFtsMatch(hostile) ?? '';
      expect(expression).not.toBe('');
      expect(expression.replace(/"(?:[^"]|"")*"\*?/g, '').replace(/\b(?:AND|OR)\b|[()\s]/g, '')).toBe('');
      expect(() => evaluate(expression, [])).not.toThrow();
    },
  );
});

describe('foldNationalId', () => {
  it.each([
    [' ja-123 456 ', 'JA123456'],
    ['j 244083', 'J244083'],
    ['JA١٢٣٤٥٦', 'JA123456'],
    ['ＪＡ１２３', 'JA123'],
  ])('folds %j to %s', (typed, folded) => {
    expect(foldNationalId(typed)).toBe(folded);
  });

  it('recognises a CIN typed in the search box', () => {
    for (const query of ['JA123456', 'j244083', 'BE 12345', 'ja-123 456']) expect(isLikelyNationalId(query), query).toBe(true);
    for (const query of ['Mohamed', '0681590830', 'Ahmed 12', 'JA', 'ABC123456']) expect(isLikelyNationalId(query), query).toBe(false);
  });
});

describe('foldPhone', () => {
  it.each([
    ['+212 6 81 59 08 30', '0681590830'],
    ['00212681590830', '0681590830'],
    ['+212 (0)6 81 59 08 30', '0681590830'],
    ['06-81-59-08-30', '0681590830'],
    ['٠٦٨١٥٩٠٨٣٠', '0681590830'],
    ['+33 6 12 34 56 78', '33612345678'],
  ])('folds %j to %s', (typed, folded) => {
    expect(foldPhone(typed)).toBe(folded);
  });

  it('recognises a phone typed in the search box', () => {
    for (const query of ['06 81 59 08 30', '+212681590830', '0681-59', '٠٦٨١٥٩٠٨٣٠']) expect(isLikelyPhone(query), query).toBe(true);
    for (const query of ['0681', 'JA123456', 'Mohamed', '681590830', '06 81 ab']) expect(isLikelyPhone(query), query).toBe(false);
  });
});
