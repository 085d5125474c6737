/**
 * The word lists the sieves share. Lower-case; compare with `word.toLowerCase()`.
 */

const set = (words: string) => new Set(words.trim().split(/\s+/));

/** Speech verbs, every form: a statement's attribution verb. */
export const SPEECH_VERBS = set(`
  say says said saying tell tells told telling add adds added adding announce announces announced announcing
  state states stated warn warns warned warning claim claims claimed claiming deny denies denied denying
  insist insists insisted insisting argue argues argued arguing write writes wrote writing note notes noted
  noting explain explains explained explaining confirm confirms confirmed confirming stress stresses stressed
  stressing emphasise emphasises emphasised emphasize emphasizes emphasized declare declares declared
  declaring assert asserts asserted acknowledge acknowledges acknowledged admit admits admitted reply replies
  replied respond responds responded suggest suggests suggested recall recalls recalled predict predicts
  predicted reiterate reiterates reiterated maintain maintains maintained comment comments commented tweet
  tweets tweeted post posts posted report reports reported read reads continue continues continued conclude
  concludes concluded vow vows vowed promise promises promised pledge pledges pledged reveal reveals revealed
  allege alleges alleged ask asks asked urge urges urged remark remarks remarked observe observes observed
  contend contends contended assure assures assured inform informs informed indicate indicates indicated
  point points pointed mention mentions mentioned recount recounts recounted describe describes described
  testify testifies testified agree agrees agreed
`);

/** Verbs after which the addressee comes first: "X told Y (that) …". */
export const TELL_VERBS = set('tell tells told telling inform informs informed assure assures assured');

/** Present-tense speech verbs: "analysts say" is said on the report's day (see dates.ts). */
export const PRESENT_SPEECH_VERBS = set(`
  say says tell tells add adds warn warns insist insists argue argues claim claims note notes explain explains
  announce announces state states write writes stress stresses deny denies confirm confirms believe believes
`);

/** "said" as well: for a rule that dates every "said" to the report's day. */
export const SAY_VERBS = set('say says said');

/** Stance verbs: "X condemned …", "X called for …" report a position without quoting it (low confidence). */
export const STANCE_VERBS = set(`
  condemn condemns condemned condemning criticise criticises criticised criticize criticizes criticized
  denounce denounces denounced welcome welcomes welcomed praise praises praised reject rejects rejected
  accuse accuses accused demand demands demanded urge urges urged dismiss dismisses dismissed
`);

/** Nouns heading a speaker phrase that names nobody: "a spokesman", "officials", "sources close to …". */
export const ROLE_NOUNS = set(`
  spokesman spokesmen spokeswoman spokeswomen spokesperson spokespeople official officials source sources
  diplomat diplomats officer officers aide aides adviser advisers advisor advisors witness witnesses resident
  residents analyst analysts expert experts representative representatives member members lawmaker lawmakers
  legislator legislators person people insider insiders negotiator negotiators minister ministers envoy envoys
  ambassador ambassadors commander commanders president chairman chairwoman chair director head leader
  leaders secretary spokesperson activist activists observer observers investigator investigators prosecutor
  prosecutors lawyer lawyers attorney doctor doctors employee employees worker workers soldier soldiers
  survivor survivors mp mps senator senators deputy deputies executive executives manager managers
  organisers organizers campaigners critics supporters opponents protesters protestors residents parents
  farmers owners shopkeepers teachers nurses students fans players coach coaches judge judges councillor
  councillors hydrologist scientists scientist economists economist authorities police neighbour neighbours
  neighbor neighbors relative relatives bystander bystanders
`);

/**
 * Roles by which a named person speaks for someone ("Norvik's spokesman, Peter Hall", "Sandell's lawyer,
 * David Orme"): their statements are on behalf of that organisation or person. Ministers and executives
 * speaking in office do not count.
 */
export const SPEAKING_ROLES = set(`
  spokesman spokeswoman spokesperson representative lawyer lawyers attorney counsel solicitor
`);

/** Nouns naming a document that speaks for its author: "the statement said". */
export const DOCUMENT_NOUNS = set(`
  statement address declaration communique communiqué letter report resolution message text appeal release
  document memo note post tweet notice announcement bulletin
`);

/** Verbs by which an organisation issues a document (an OFFICIAL_ADDRESS). */
export const ISSUE_VERBS = set(
  'issue issues issued release releases released adopt adopts adopted publish publishes published send sends sent deliver delivers delivered',
);

/** Titles before a name, dropped from a new person's name. */
export const TITLES = set(`
  mr mrs ms miss dr prof professor president vice prime minister foreign defence defense interior finance
  deputy sen senator rep representative gov governor mayor king queen prince princess pope judge justice
  chancellor secretary ambassador commander gen general col colonel lt lieutenant capt captain maj major sgt
  inspector detective superintendent constable sergeant sheikh chairman chairwoman ceo director rev father sister archbishop bishop cardinal premier
  speaker lord lady sir dame emir sultan ayatollah imam rabbi president-elect
`);

/** Words that make a name an organisation. */
export const ORGANISATION_WORDS = set(`
  ministry ministries council assembly parliament congress senate court party agency bank university college
  institute foundation committee commission army forces navy police government department office association
  federation union league organisation organization company firm corporation corp inc ltd group radio
  television tv news times post press network service services authority board bureau church school hospital club
  movement front alliance coalition brigade brigades guard channel daily herald tribune journal gazette fund
  programme program centre center society trust cabinet secretariat mission embassy consulate directorate
  legislature administration presidency republic kingdom monarchy bloc faction caucus chamber reuters
  capital partners investments energy power motors systems technologies pharmaceuticals media works athletic
  rovers united
  associated agence airlines airways industries holdings limited plc llc ag gmbh sa
`);

/** Words that make a name an event (the last word, or the first for "Operation …", "Battle of …"). */
export const EVENT_LAST_WORDS = set(`
  war wars summit olympics games conference election elections crisis revolution massacre massacres pogrom
  pogroms genocide cup festival championship championships uprising protests bombing bombings earthquake
  referendum ceasefire talks forum accords accord treaty agreement offensive invasion siege riots riot
  hurricane storm flood floods attack attacks coup
`);
export const EVENT_FIRST_WORDS = set('operation battle siege treaty siege');

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
export const MONTH_ABBREVIATIONS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Capitalised words that never start or make a name (sentence-initial function words, dates…). */
export const NOT_NAMES = set(`
  the a an in on at but and or so yet for to of with by from as if when while after before meanwhile
  however although though despite according this that these those there here it its he she they we i you
  his her their our my your them us him me who what which where why how all some many most several one two
  three four five six seven eight nine ten no not yes also then still even now today yesterday tomorrow
  last next first second third mr mrs ms dr instead besides moreover furthermore thus hence nevertheless
  nonetheless indeed earlier later once since until unless whether both either neither each every any
  other another such only just over under between among during without within against about above below
  into onto upon toward towards despite except per via
  ${MONTHS.join(' ')} ${WEEKDAYS.join(' ')} sept
`);

/** Pronouns that can stand for a speaker. */
export const PRONOUNS = set('he she they it we i');

/** Prepositions after which a name is a place ("in X", "near X"). */
export const PLACE_PREPOSITIONS = set(
  'in at near from into inside outside across throughout around towards toward via',
);

/** Lowercase words allowed inside a name: "Ministry of Foreign Affairs", "Maria de la Cruz". */
export const CONNECTORS = set(
  "of for the de la le du des del della di da van von der den al el bin ibn on d'",
);
