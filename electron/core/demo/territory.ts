/**
 * A few real regions, provinces and communes of southern and eastern Morocco for generated data.
 * `commune` is what the app calls a district. Localities are douars, ksour and town neighbourhoods
 * named in the usual way; they are plausible, not an official list. Note: the French spellings
 * "Irherm" and "Igherm" are the same commune (إغرم), so only "Igherm" is listed.
 */

export interface Commune {
  name: string;
  nameAr: string;
  /** Relative number of registry households. */
  weight: number;
  /** Rural communes have douars and few street addresses. */
  urban: boolean;
  localities: readonly string[];
}

export interface Province {
  name: string;
  nameAr: string;
  /** The three letters in household refs (`RSU-ZAG-0000001`). */
  code: string;
  communes: readonly Commune[];
}

export interface Region {
  name: string;
  nameAr: string;
  provinces: readonly Province[];
}

export const regions: readonly Region[] = [
  {
    name: 'Drâa-Tafilalet',
    nameAr: 'درعة تافيلالت',
    provinces: [
      {
        name: 'Zagora',
        nameAr: 'زاكورة',
        code: 'ZAG',
        communes: [
          { name: 'Tagounite', nameAr: 'تاكونيت', weight: 4, urban: false, localities: ['Ksar Tagounite', 'Douar Lahmida', 'Ksar Bni Hayoun', 'Douar Oulad Youssef', 'Ksar Asrir'] },
          { name: 'Mhamid El Ghizlane', nameAr: 'امحاميد الغزلان', weight: 3, urban: false, localities: ['Ksar Mhamid', 'Douar Ouled Driss', 'Douar Bounou', 'Ksar Lahrita', 'Douar Erraha'] },
          { name: 'Tamegroute', nameAr: 'تامكروت', weight: 4, urban: false, localities: ['Ksar Tamegroute', 'Douar Ait Isfoul', 'Ksar Tinfou', 'Douar Oulad Lahcen', 'Ksar Ammerz'] },
          { name: 'Agdz', nameAr: 'أكدز', weight: 5, urban: true, localities: ['Hay Al Massira', 'Hay Ennahda', 'Ksar Asslim', 'Douar Tamnougalt', 'Hay Al Qods'] },
          { name: 'Ternata', nameAr: 'ترناتة', weight: 3, urban: false, localities: ['Ksar Tissergate', 'Douar Ait Ouzzine', 'Ksar Bounou', 'Douar Oulad Atmane'] },
        ],
      },
      {
        name: 'Ouarzazate',
        nameAr: 'ورزازات',
        code: 'OUA',
        communes: [
          { name: 'Skoura', nameAr: 'سكورة', weight: 4, urban: false, localities: ['Ksar Ait Sidi El Mati', 'Douar Ait Ben Moro', 'Ksar Amridil', 'Douar Sidi Flah'] },
          { name: 'Taznakht', nameAr: 'تازناخت', weight: 3, urban: true, localities: ['Hay Al Amal', 'Hay Tamsoult', 'Douar Ait Ouaghrda', 'Hay Sidi Bouzid'] },
          { name: 'Ghassate', nameAr: 'غسات', weight: 2, urban: false, localities: ['Douar Tigdi', 'Douar Ait Zaineb', 'Douar Ighrem N’Ougdal', 'Douar Assaka'] },
        ],
      },
      {
        name: 'Errachidia',
        nameAr: 'الرشيدية',
        code: 'ERR',
        communes: [
          { name: 'Rissani', nameAr: 'الريصاني', weight: 5, urban: true, localities: ['Ksar Moulay Abdellah', 'Hay Al Wifaq', 'Ksar Oulad Abdelhalim', 'Hay Sijilmassa', 'Ksar Tinrheras'] },
          { name: 'Goulmima', nameAr: 'كلميمة', weight: 4, urban: true, localities: ['Ksar Goulmima', 'Hay Al Fath', 'Ksar Ait Yahya', 'Hay Ennasr'] },
        ],
      },
    ],
  },
  {
    name: 'Souss-Massa',
    nameAr: 'سوس ماسة',
    provinces: [
      {
        name: 'Tata',
        nameAr: 'طاطا',
        code: 'TAT',
        communes: [
          { name: 'Akka', nameAr: 'أقا', weight: 3, urban: true, localities: ['Ksar Agadir Ouzrou', 'Hay Al Houda', 'Douar Tagadirt', 'Douar Ait Antar'] },
          { name: 'Foum Zguid', nameAr: 'فم زكيد', weight: 3, urban: true, localities: ['Hay Al Massira', 'Douar Mrimima', 'Douar Ait Ouabelli', 'Hay Annour'] },
          { name: 'Tissint', nameAr: 'تسينت', weight: 2, urban: false, localities: ['Ksar Tissint', 'Douar Oum Lâalag', 'Douar Ait Ali', 'Douar Agoujgal'] },
        ],
      },
      {
        name: 'Taroudant',
        nameAr: 'تارودانت',
        code: 'TAR',
        communes: [
          { name: 'Igherm', nameAr: 'إغرم', weight: 3, urban: false, localities: ['Douar Ait Abdellah', 'Douar Tizgui', 'Douar Aguerd', 'Douar Imi N’Tala', 'Douar Ait Lahcen'] },
          { name: 'Ouled Teima', nameAr: 'أولاد تايمة', weight: 9, urban: true, localities: ['Hay Al Qods', 'Hay Lamhaita', 'Hay Essalam', 'Douar Laghdira', 'Hay Al Amal', 'Douar Lkhorbat'] },
          { name: 'Aoulouz', nameAr: 'أولوز', weight: 4, urban: true, localities: ['Hay Al Manar', 'Douar Tafrant', 'Douar Ait Yazza', 'Hay Al Wahda'] },
        ],
      },
    ],
  },
  {
    name: 'Oriental',
    nameAr: 'الجهة الشرقية',
    provinces: [
      {
        name: 'Figuig',
        nameAr: 'فجيج',
        code: 'FIG',
        communes: [
          { name: 'Bouarfa', nameAr: 'بوعرفة', weight: 6, urban: true, localities: ['Hay Al Massira', 'Hay Lahouna', 'Hay Ennahda', 'Hay Al Fath', 'Douar Tamlalt'] },
          { name: 'Tendrara', nameAr: 'تندرارة', weight: 3, urban: false, localities: ['Douar Ouled Sidi Abdelhakem', 'Hay Al Amal', 'Douar Mâatarka', 'Douar Ouled Brahim'] },
          { name: 'Bni Tadjite', nameAr: 'بني تجيت', weight: 3, urban: false, localities: ['Ksar Bni Tadjite', 'Douar Ait Bouchaouen', 'Douar Tazouguerte', 'Douar Ouled Moussa'] },
          { name: 'Figuig', nameAr: 'فجيج', weight: 3, urban: true, localities: ['Ksar Zenaga', 'Ksar Loudaghir', 'Ksar Laabidate', 'Ksar El Maiz', 'Ksar Hammam Foukani'] },
        ],
      },
    ],
  },
];

export interface TerritoryPlace {
  region: Region;
  province: Province;
  commune: Commune;
}

/** Every commune with its province and region, in the order above. */
export const allCommunes: readonly TerritoryPlace[] = regions.flatMap((region) =>
  region.provinces.flatMap((province) => province.communes.map((commune) => ({ region, province, commune }))),
);
