/**
 * The vocabulary of the people recognizer (shape/people.ts): how news names people. Data only,
 * all lower case; the logic is in people.ts. Each list says where it is used and gives examples.
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/**
 * Role heads: a noun for an office, a rank or a trade that stands right before a person's name
 * ("President Kassym-Jomart Tokayev", "the great poet Abai Kunanbayev", "analyst Paul Nesbit")
 * or heads an apposition ("Xavier Bettel, the Prime Minister of Luxembourg"). Written with a
 * capital (a title) it may precede a surname alone ("President Obama"); in lower case it needs
 * a full name of two words or more. The Russian titles of Central Asian releases are here too, in
 * the nominative only ("Президент Касым-Жомарт Токаев"; inflected forms are not read).
 */
export const ROLE_HEADS = words(`
  president president-elect vice-president minister premier chancellor secretary secretary-general
  under-secretary undersecretary director-general attorney-general governor-general
  king queen prince princess emir emperor empress sultan sheikh shaikh crown monarch pope
  ambassador envoy consul diplomat commissioner senator congressman congresswoman congressmember
  lawmaker legislator deputy mp mep governor mayor judge magistrate prosecutor chairman chairwoman
  chairperson chair speaker ceo cfo coo cto founder co-founder cofounder director head chief leader
  spokesman spokeswoman spokesperson official officer executive manager adviser advisor counsellor
  counselor aide analyst economist strategist professor lecturer researcher scientist historian
  scholar philosopher thinker poet writer author novelist playwright journalist reporter
  correspondent editor columnist commentator photographer artist painter sculptor composer singer
  musician actor actress filmmaker producer architect engineer designer lawyer attorney doctor
  surgeon coach captain player striker midfielder goalkeeper athlete champion cyclist driver
  colonel commander admiral lieutenant major sergeant marshal brigadier
  bishop archbishop cardinal rabbi imam cleric patriarch metropolitan
  entrepreneur businessman businesswoman billionaire investor banker activist campaigner candidate
  treasurer agent delegate
  президент премьер-министр министр вице-министр посол председатель аким депутат сенатор
  генсек поэт писатель
`);

/**
 * Words that qualify a role without being one: "Foreign Minister", "Deputy Prime Minister",
 * "Secretary General", "former president", "OSCE Secretary General". A title is a run of these
 * and role heads that holds at least one head.
 */
export const ROLE_MODIFIERS = words(`
  prime foreign finance defence defense interior home trade economy economic economics health
  education energy environment agriculture culture justice labour labor transport industry
  digital science information internal external affairs state national federal regional
  general deputy vice first second acting interim former then current new outgoing incoming
  retiring late special permanent chief executive senior junior assistant associate managing
  principal grand crown supreme high lord attorney surgeon inspector solicitor press
  private public foreign-affairs co
`);

/**
 * Honorifics: they stand before a name and are no role ("Mr. Smith", "Dr. Jane Doe"). `.` may
 * follow the abbreviated ones.
 */
export const HONORIFICS = words(`
  mr mrs ms miss mx dr prof sir dame lord lady baroness baron madame mme mlle monsieur
  messrs rev reverend fr sen rep gov gen col lt capt maj sgt adm cmdr pres sister
`);

/** Honorifics that are part of a peer's name: the span keeps them ("Lord Cameron", "Baroness Ashton"). */
export const PEERAGE = words('lord lady baroness baron');

/** Abbreviations that are followed by a period inside a name or a title ("Mr.", "Gen.", "Jr."). */
export const ABBREVIATIONS = words(`
  mr mrs ms mx dr prof mme mlle messrs rev fr sen rep gov gen col lt capt maj sgt adm cmdr pres
  jr sr st
`);

/** Lower-case name particles between name words ("Ursula von der Leyen", "Bill de Blasio", "Osama bin Laden"). */
export const PARTICLES = words(`
  de da di do dos das du del della der den van von ter ten le la bin ibn bint al el ul ud y e
`);

/** What may follow a name and belong to it ("Martin Luther King Jr.", "Elizabeth II"). */
export const NAME_SUFFIXES = words('jr sr ii iii iv');

/**
 * Reporting verbs: a name right before one of them is its subject ("John Smith said"), and a
 * name right after one of them in an inversion (`"...," said John Smith`).
 */
export const REPORTING_VERBS = words(`
  said says told tells added adds stated states noted notes explained explains announced
  announces stressed stresses emphasized emphasised underlined warned warns wrote writes
  commented comments replied replies insisted insists argued argues confirmed confirms declared
  declares recalled recalls observed observes admitted admits acknowledged acknowledges
  concluded suggested
`);

/** Words after which a clause starts: its subject may follow ("..., and John Smith said"). */
export const CLAUSE_OPENERS = words('and but that while as when because although though where after before if');

/** Second parts of a hyphenated word that make it an adjective, not a name ("Ohio-based", "Kazakh-led"). */
export const COMPOUND_SUFFIXES = words('based led owned backed born run made controlled held funded sponsored style era bound');

/** Verbs that give a person a role with "as" ("named Mary Barra as its new chief executive"). */
export const APPOINTING_VERBS = words(`
  named appointed elected nominated hired chose picked confirmed installed designated names appoints
  elects nominates
`);

/** Words after a role head that continue the role up to the name ("the Prime Minister of Luxembourg, ..."). */
export const ROLE_LINKS = words('of for at to in the and');

/** Determiners and possessives that may open an apposition ("Xavier Bettel, the Prime Minister ..."). */
export const DETERMINERS = words('the a an its his her their our whose');

/**
 * Capitalized words that never stand in a person's name: the heads of organization and place
 * names ("Ministry", "University", "Street"), calendar words, and words that start sentences
 * ("The", "However"). A run that holds one is not a person by these rules.
 */
export const NOT_NAME_WORDS = words(`
  ministry ministries department office agency committee council commission bank fund foundation
  association chamber company corporation corp group university college school institute academy
  embassy consulate parliament senate congress assembly party government administration
  presidency cabinet court police army navy force forces guard service services authority board
  bureau center centre organization organisation union federation league alliance club team
  society trust network system inc ltd llc plc co gmbh ag sa holdings airlines airways motors
  securities medical international gas oil capital partners investments industries financial
  pharmaceuticals technologies systems solutions unity security insurance telecom airline
  brothers associates ventures enterprises
  electric energy news times post media television radio tv agency republic kingdom state
  states province region oblast district county city town village street avenue road square
  airport station port river lake sea ocean mountain mount island islands bay gulf hotel
  hospital museum library theatre theater stadium hall palace house tower bridge park
  church mosque cathedral temple market exchange index prize award festival summit forum
  conference week day year
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  the a an this that these those it its he she his her they their we our you your i
  in on at of for to by with from as and or but nor so yet if when while after before since
  however meanwhile moreover also although though because despite during under over
  today yesterday tomorrow tonight now then there here thus still why what who how where
  later earlier first finally recently currently previously subsequently additionally furthermore
  instead indeed separately overall similarly likewise nevertheless nonetheless otherwise perhaps
  already again last next soon once only even especially
  all both each every many most some several no not one two three
  mr mrs ms dr prof
  north south east west northern southern eastern western central
  english french german russian chinese arabic
`);
