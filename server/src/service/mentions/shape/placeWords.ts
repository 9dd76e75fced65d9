/**
 * The vocabulary of the place recognizer (places.ts): head words of landmarks, water bodies and
 * regions, the words of context that say "state" or "city", and the postal abbreviations of US
 * states that news writes after a city. Data only; the rules are in places.ts and README.md
 * ("Places by shape and context"). Keys are lower case.
 */

/** What kind of place a head word makes (the `kind` fact of the new entity). */
export type PlaceKind = 'water' | 'landform' | 'island' | 'street' | 'square' | 'park' | 'building' | 'airport' | 'bridge' | 'region';

/**
 * Head words that end a place name written in Title Case: "Caspian Sea", "Atlantic Ocean",
 * "Changi International Airport", "Red Square", "Rocky Mountains", "Marina Barrage".
 */
export const TRAILING_HEADS: ReadonlyMap<string, PlaceKind> = new Map<string, PlaceKind>([
  ['sea', 'water'], ['ocean', 'water'], ['river', 'water'], ['lake', 'water'], ['bay', 'water'],
  ['gulf', 'water'], ['strait', 'water'], ['straits', 'water'], ['canal', 'water'], ['lagoon', 'water'],
  ['reservoir', 'water'], ['barrage', 'water'], ['dam', 'water'], ['falls', 'water'],
  ['mountains', 'landform'], ['mountain', 'landform'], ['hills', 'landform'], ['valley', 'landform'],
  ['desert', 'landform'], ['peninsula', 'landform'], ['plateau', 'landform'], ['basin', 'landform'],
  ['glacier', 'landform'], ['steppe', 'landform'],
  ['island', 'island'], ['islands', 'island'], ['archipelago', 'island'],
  ['street', 'street'], ['avenue', 'street'], ['boulevard', 'street'], ['highway', 'street'],
  ['square', 'square'], ['plaza', 'square'],
  ['park', 'park'], ['garden', 'park'], ['gardens', 'park'],
  ['palace', 'building'], ['cathedral', 'building'], ['mosque', 'building'], ['temple', 'building'],
  ['castle', 'building'], ['tower', 'building'], ['stadium', 'building'], ['arena', 'building'],
  ['library', 'building'], ['monument', 'building'], ['memorial', 'building'], ['mausoleum', 'building'],
  ['airport', 'airport'], ['spaceport', 'airport'], ['cosmodrome', 'airport'],
  ['bridge', 'bridge'], ['tunnel', 'bridge'],
]);

/**
 * Trailing heads news also writes in lower case after a proper name: "Heathrow airport",
 * "Baikonur cosmodrome". The label takes the head, as in "Heathrow Airport".
 */
export const LOWER_CASE_HEADS: ReadonlySet<string> = new Set(['airport', 'cosmodrome']);

/**
 * Head words that start a place name before capitalized words: "Lake Baikal", "Mount Everest",
 * "River Thames". With "of" after them ("Gulf of Mexico", "Isle of Man", "Sea of Azov") the
 * words after "of" complete the name.
 */
export const LEADING_HEADS: ReadonlyMap<string, PlaceKind> = new Map<string, PlaceKind>([
  ['lake', 'water'], ['mount', 'landform'], ['mt', 'landform'], ['river', 'water'], ['cape', 'landform'],
]);

/** Head words followed by "of" and capitalized words: "Gulf of Mexico", "Bay of Bengal", "Strait of Hormuz". */
export const OF_HEADS: ReadonlyMap<string, PlaceKind> = new Map<string, PlaceKind>([
  ['gulf', 'water'], ['bay', 'water'], ['sea', 'water'], ['strait', 'water'], ['straits', 'water'],
  ['lake', 'water'], ['isle', 'island'], ['island', 'island'], ['islands', 'island'], ['cape', 'landform'],
]);

/**
 * Words after a trailing head that show the name goes on into something that is not a place:
 * "Lake Placid Group", "Harbour Bridge Company". The finder's organization words cover the rest
 * (an organization recognizer's longer name wins in the arbiter).
 */
export const NOT_AFTER_HEAD: ReadonlySet<string> = new Set([
  'company', 'corporation', 'group', 'inc', 'ltd', 'llc', 'plc', 'authority', 'commission', 'foundation',
  'trust', 'association', 'council', 'board', 'agency', 'hotel', 'hospital', 'university', 'college',
  'school', 'institute', 'club', 'fund', 'partners', 'capital', 'holdings', 'station', 'records', 'press',
]);

/**
 * Region head words written after a region's name: "Turkestan Region", "Moscow Oblast", "New York
 * State", "Ontario province". Capitalized, they are part of the name (the label takes them, like
 * "Luxembourg City"); in lower case they are context only ("Washington state": the label is
 * "Washington"). `unknown`: the head also makes a place of a name the knowledge base lacks
 * ("Kurgan Oblast", "Orange County"); "State" does not ("Penn State" is a university).
 */
export const REGION_HEADS: ReadonlyMap<string, { unknown: boolean }> = new Map([
  ['region', { unknown: true }], ['oblast', { unknown: true }], ['oblysy', { unknown: true }], ['province', { unknown: true }],
  ['prefecture', { unknown: true }], ['governorate', { unknown: true }], ['krai', { unknown: true }], ['kray', { unknown: true }],
  ['okrug', { unknown: true }], ['voivodeship', { unknown: true }], ['county', { unknown: true }], ['canton', { unknown: true }],
  ['territory', { unknown: false }], ['state', { unknown: false }], ['emirate', { unknown: false }],
]);

/** Words before a region's name that say it is a region: "the state of Georgia", "governor of Texas". */
export const REGION_BEFORE_OF: ReadonlySet<string> = new Set([
  'state', 'province', 'region', 'oblast', 'prefecture', 'governorate', 'governor', 'legislature', 'county',
]);

/** Adjectives that make the next noun a region's: "the provincial government of Ontario". */
export const REGIONAL_ADJECTIVES: ReadonlySet<string> = new Set(['provincial', 'state', 'regional', 'oblast']);

/** Words after a region's name or its possessive that say it is a region: "Georgia's governor", "Georgia governor". */
export const REGION_AFTER: ReadonlySet<string> = new Set(['governor', 'legislature', 'statehouse']);

/** The words a headline in Title Case leaves in lower case ("Airbus Wins Order from Qatar"). */
export const TITLE_CASE_LOWER: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'to', 'in', 'on', 'at', 'for', 'from', 'by', 'with',
  'as', 'vs', 'via', 'per', 'into', 'over', 'up', 's', 't',
]);

/** Prepositions of place before a city the knowledge base lacks: "in Marietta, Ga.". */
export const LOCATIVES: ReadonlySet<string> = new Set([
  'in', 'at', 'from', 'near', 'to', 'outside', 'into', 'across', 'around', 'via', 'towards', 'toward',
]);

/**
 * Capitalized words that start a sentence or a title without being part of a name ("The
 * Atlantic Ocean", "In Red Square"): dropped from the front of a name.
 */
export const LEADING_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'from', 'to', 'of', 'for', 'by', 'with', 'near', 'into', 'this', 'that',
  'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'and', 'but', 'or', 'as', 'after',
  'before', 'when', 'while', 'if', 'across', 'over', 'under', 'via', 'outside', 'inside', 'during', 'since',
  'until', 'through', 'about', 'between', 'both', 'all', 'some', 'many', 'most', 'every', 'each', 'another',
]);

/**
 * Countries whose first-level regions news names bare, without a head word or a preposition
 * ("Ontario", "Bavaria", "Queensland", "Kerala"): federations and states whose regions are not
 * named after their capital cities, and whose one-word region names are rarely anything else.
 * Elsewhere a one-word region needs a preposition of place before it ("in Mangystau"), a head
 * word ("Almaty Region", "Moscow Oblast") or context; names of several words are names
 * everywhere ("East Kazakhstan", "North Rhine-Westphalia"). A name another entity bears (a
 * country, a city, another region) always needs a head word or context.
 */
export const BARE_REGION_COUNTRIES: ReadonlySet<string> = new Set([
  'US', 'CA', 'AU', 'DE', 'AT', 'IN', 'CN', 'IT', 'ES', 'GB', 'BE',
]);

/**
 * US postal and news abbreviations written after a city ("Marietta, Ga.", "Palo Alto, Calif."),
 * to the ISO 3166-2 code. Only after "<city>, ": alone they are words ("Pa.", "Ind.", "Wash.").
 */
export const US_STATE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['Ala.', 'US-AL'], ['Ariz.', 'US-AZ'], ['Ark.', 'US-AR'], ['Calif.', 'US-CA'], ['Colo.', 'US-CO'],
  ['Conn.', 'US-CT'], ['Del.', 'US-DE'], ['Fla.', 'US-FL'], ['Ga.', 'US-GA'], ['Ill.', 'US-IL'],
  ['Ind.', 'US-IN'], ['Kan.', 'US-KS'], ['Kans.', 'US-KS'], ['Ky.', 'US-KY'], ['La.', 'US-LA'],
  ['Md.', 'US-MD'], ['Mass.', 'US-MA'], ['Mich.', 'US-MI'], ['Minn.', 'US-MN'], ['Miss.', 'US-MS'],
  ['Mo.', 'US-MO'], ['Mont.', 'US-MT'], ['Neb.', 'US-NE'], ['Nebr.', 'US-NE'], ['Nev.', 'US-NV'],
  ['N.H.', 'US-NH'], ['N.J.', 'US-NJ'], ['N.M.', 'US-NM'], ['N.Y.', 'US-NY'], ['N.C.', 'US-NC'],
  ['N.D.', 'US-ND'], ['Okla.', 'US-OK'], ['Ore.', 'US-OR'], ['Pa.', 'US-PA'], ['R.I.', 'US-RI'],
  ['S.C.', 'US-SC'], ['S.D.', 'US-SD'], ['Tenn.', 'US-TN'], ['Tex.', 'US-TX'], ['Vt.', 'US-VT'],
  ['Va.', 'US-VA'], ['Wash.', 'US-WA'], ['W.Va.', 'US-WV'], ['Wis.', 'US-WI'], ['Wyo.', 'US-WY'],
  ['D.C.', 'US-DC'],
]);
