/**
 * The vocabulary of the organization recognizer (orgs.ts), as data: how news and press releases
 * name organizations. Every word is in lower case (the recognizer looks words up in lower case);
 * legal forms are written forms, matched exactly as written. Logic lives in orgs.ts.
 */

function words(s: string): ReadonlySet<string> {
  return new Set(s.trim().split(/\s+/));
}

/**
 * Head words: the noun an organization's name is built on ("Blue Marine [Foundation]",
 * "[Ministry] of Health", "Government Accountability [Office]"). Facility words (Airport,
 * Library, Museum, Square, Centre, Stadium, Hospital, School) are left to places; "Government",
 * "Presidency" and the national parliaments' own names to the generated government bodies.
 */
export const HEAD_WORDS = words(`
  ministry ministries department agency agencies office council commission committee bank fund
  foundation association chamber company corporation group university institute institution
  embassy consulate parliament senate party airlines airline airways authority service court
  union bureau administration organization organisation federation confederation society academy
  college consortium secretariat directorate inspectorate assembly mission delegation army navy
  police force forces guard corps tribunal alliance league coalition cooperative co-operative
  holdings industries technologies motors laboratories pharmaceuticals enterprises ventures
  partners brothers trust commissariat
`);

/** Words that continue a name right after its head word ("Thai Airways International", "Bank Group"). */
export const AFTER_HEAD = words(`international worldwide global holdings group`);

/**
 * Heads that take a place after "in" or "to" inside their name ("Embassy of Japan in
 * Kazakhstan", "Benelux Chamber of Commerce in Kazakhstan", "Permanent Mission of Kazakhstan to
 * the OSCE").
 */
export const PLACE_HEADS = words(`embassy consulate chamber mission delegation office representation`);

/** Lower-case words inside a name after its head ("Office [for] Democratic Institutions [and] Human Rights"). */
export const CONNECTORS = words(`of for and the de du des la le del di on in to`);

/** Connectors that open a complement after the head (the others only continue one). */
export const COMPLEMENT_OPENERS = words(`of for on de du des la del di`);

/**
 * Legal forms, as written (with or without their dots): a capitalized name before one is a
 * company ("Dialogue Events Ltd.", "Chrysler LLC", "Daimler AG", "EADS N.V.").
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set(
  `Ltd Ltd. LTD LTD. Limited LIMITED Inc Inc. INC INC. Incorporated Corp Corp. CORP CORP. Co Co. CO.
   LLC L.L.C. LLP L.L.P. LP L.P. PLC Plc plc JSC OJSC PJSC CJSC GmbH AG KGaA SE S.A. SA N.V. NV B.V.
   BV SpA S.p.A. S.A.S. SAS S.L. S.R.L. SRL Srl AB ASA Oy Oyj Pty Pty. Pte Pte. Bhd Berhad Tbk K.K.
   Pvt Pvt. A.G.`.trim().split(/\s+/),
);

/**
 * Legal forms that are also common abbreviations (a US state, "AG" for attorney general,
 * "Co" for county): after them, a capitalized word means they were not a legal form ("Ohio AG
 * Dave Yost").
 */
export const AMBIGUOUS_LEGAL_FORMS: ReadonlySet<string> = new Set(`Co SA NV AB AG SE LP BV Oy SAS ASA`.split(' '));

/** Legal forms that may follow the name after a comma ("Samsung Electronics Co., Ltd.", "Apple, Inc."). */
export const COMMA_LEGAL_FORMS: ReadonlySet<string> = new Set(`Inc Inc. Ltd Ltd. LLC LLP PLC plc Corp.`.split(' '));

/** Abbreviations that keep their dot inside a name ("Ltd.", "Co.", "St."). */
export const ABBREVIATIONS = words(`ltd inc corp co bhd pty pte pvt st mt ft dept univ assn intl natl bros mfg`);

/**
 * Designators written before a quoted name in the releases of the post-Soviet states and
 * elsewhere (`Agency “Turkmenaragatnashyk”`, `JSC “Kazakhtelecom”`, `State Concern
 * “Turkmengaz”`), besides the head words and legal forms.
 */
export const QUOTE_DESIGNATORS = words(`concern holding enterprise firm plant factory complex partnership center centre`);

/**
 * Capitalized words that are never part of an organization's name and split a capitalized
 * run: articles and other function words that a sentence or a line starts with, number words,
 * honorifics
 * (they introduce a person: "Mr", "Dr"), months and days. Titles ("Prime Minister") need no
 * entry: they are not head words, so no name is built on them.
 */
export const BREAK_WORDS = words(`
  the a an this that these those its his her their our my your some any each every all both many
  most several no not in on at by with without to from as after before during under over since
  until while when where if although though because but or nor so yet however meanwhile
  yesterday today tomorrow tonight last next earlier later now then also according following
  despite unlike like among between through via per only even still such other another
  there here it he she we they i you what which who whose how why
  mr mrs ms dr prof sir lord lady messrs
  about around nearly almost approximately just
  one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
  hundred hundreds thousand thousands dozen dozens
  jan feb mar apr jun jul aug sep sept oct nov dec
  january february march april june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
`);

/** Possessives that stand inside names ("People's Bank of China", "Children's Fund"). */
export const POSSESSIVES_IN_NAMES = words(`people children women men workers veterans citizens farmers teachers`);

/** A capitalized word joined by a hyphen to one of these is a modifier, not a name ("EADS-led", "Singapore-based"). */
export const HYPHEN_MODIFIERS = words(`based led owned run backed controlled funded born era style made built operated linked affiliated`);

/** Names that end in a head word and are not organizations: places and former states. */
export const NOT_ORGANIZATIONS = words(`
  west-bank left-bank south-bank oval-office soviet-union
`);

/** Words after a number that make it a quantity, not a model designation ("Boeing 300 jobs"). */
export const QUANTITY_WORDS = words(`percent per cent million billion thousand trillion jobs workers employees people staff years months days hours units shares points`);

/** Words before "<maker> <Model> <product noun>" ("the Chevrolet Volt hybrid", "a Ford Focus sedan"). */
export const PRODUCT_DETERMINERS = words(`the a an its their his her new first last our`);

/**
 * Regions a company names its regional unit by, besides the countries ("GM Europe", "EADS North
 * America", "Airbus UK"), as words folded and joined by a space.
 */
export const REGIONS: ReadonlySet<string> = new Set([
  'europe', 'asia', 'africa', 'americas', 'north america', 'south america', 'latin america', 'middle east',
  'asia pacific', 'asia-pacific', 'oceania', 'scandinavia', 'nordic', 'emea', 'apac',
]);

/** Kinds of knowledge-base organizations that are companies (kb facts.kind). */
export const COMPANY_KINDS: ReadonlySet<string> = new Set(['company', 'airline']);

/**
 * Words after a head word that make the name a facility's, not the organization's ("Andrews Air
 * Force Base", "Walter Reed Army Medical Center", "Johns Hopkins University Hospital"): places
 * are left to the place recognizer.
 */
export const FACILITY_WORDS = words(`base center centre hospital house building station airport stadium hall museum library plaza square tower park field campus headquarters clinic one`);

/** Product nouns after "<determiner> <maker> <Model>" that make it a product ("the Chevrolet Volt hybrid"). */
export const PRODUCT_NOUNS = words(`
  car cars sedan sedans hatchback coupe suv suvs truck trucks pickup van minivan hybrid hybrids model models
  jet jets aircraft airliner airliners plane planes helicopter phone phones smartphone smartphones tablet
  laptop laptops computer engine engines vehicle vehicles console
`);

/**
 * Product nouns a maker's name modifies (builtin.ts, "a maker before a product noun"): "twelve new
 * long-haul Airbus jets", "12 Airbus aircraft", "an all-Airbus fleet", "GM cars". The noun phrase
 * names the products (MEANTIME and ACE: a product or vehicle mention, the maker a modifier inside
 * it), so the maker's name right before one of these is not proposed as the organization. Not
 * here: nouns of the company itself ("Boeing shares", "Airbus workers", "the Airbus plant"), nor
 * "model" ("previous Boeing models": the maker's range, named after the maker).
 */
export const PREMODIFIED_PRODUCTS = new Set([...[...PRODUCT_NOUNS].filter((w) => w !== 'model' && w !== 'models'), 'fleet', 'fleets', 'freighter', 'freighters', 'airframe', 'airframes', 'automobile', 'automobiles', 'airplane', 'airplanes', 'aeroplane', 'aeroplanes', 'jetliner', 'jetliners', 'widebody', 'widebodies']);

/**
 * Nouns after a product noun that make it a modifier in turn, the company's business the head
 * ("General Motors automobile sales", "Airbus aircraft production"): the maker's name stays.
 */
export const BUSINESS_HEADS = words(`
  sales production market markets industry plant plants factory factories maker makers manufacturer
  manufacturers business businesses division unit units order orders programme program programs
  deliveries delivery dealer dealers dealership dealerships exports imports output sector
`);
