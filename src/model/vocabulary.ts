/** The controlled vocabularies of the model: GraphQL enums, validation and generators all use these. */

export const ORGANISATION_KINDS = [
  'STATE',
  'GOVERNMENT',
  'LEGISLATURE',
  'INTERNATIONAL_ORGANISATION',
  'ARMED_FORCES',
  'MEDIA',
  'POLITICAL_GROUP',
  'OTHER',
] as const;

/** What each OrganisationKind means, as the GraphQL schema documents it. */
export const ORGANISATION_KIND_DESCRIPTIONS: Record<(typeof ORGANISATION_KINDS)[number], string> = {
  STATE: 'A state as a whole, recognised or not (e.g. the Artsakh Republic, Azerbaijan).',
  GOVERNMENT: 'A government, ministry or other executive body.',
  LEGISLATURE: 'A parliament or other law-making assembly (e.g. the National Assembly of Artsakh).',
  INTERNATIONAL_ORGANISATION:
    'An intergovernmental body (e.g. the OSCE, the United Nations, the Council of Europe).',
  ARMED_FORCES: 'An army or other armed force (e.g. the Azerbaijani armed forces).',
  MEDIA: 'A newspaper, broadcaster or other news outlet (e.g. Asbarez).',
  POLITICAL_GROUP: 'A party, faction, clan or other political group.',
  OTHER: 'Any other kind of organisation.',
};

export const PLACE_KINDS = ['COUNTRY', 'REGION', 'CITY', 'VILLAGE', 'SITE', 'OTHER'] as const;

/** What each PlaceKind means, as the GraphQL schema documents it. */
export const PLACE_KIND_DESCRIPTIONS: Record<(typeof PLACE_KINDS)[number], string> = {
  COUNTRY: 'A country (e.g. Armenia, Azerbaijan).',
  REGION: 'A region within or across countries (e.g. Nagorno-Karabakh).',
  CITY: 'A city or town (e.g. Stepanakert, Baku).',
  VILLAGE: 'A village or other small settlement.',
  SITE: 'A particular site: a building, square, border post or the like.',
  OTHER: 'Any other kind of place.',
};

export const EVENT_KINDS = [
  'POGROM',
  'MASSACRE',
  'ATTACK',
  'MILITARY_OPERATION',
  'KILLING',
  'DISPLACEMENT',
  'MEETING',
  'COMMEMORATION',
  'DIPLOMATIC_ACTION',
  'OTHER',
] as const;

/** What each EventKind means, as the GraphQL schema documents it. */
export const EVENT_KIND_DESCRIPTIONS: Record<(typeof EVENT_KINDS)[number], string> = {
  POGROM: 'Organised mob violence against an ethnic or religious group (e.g. the Sumgait pogrom, 1988).',
  MASSACRE: 'The killing of many people at once.',
  ATTACK: 'An armed attack or assault.',
  MILITARY_OPERATION: 'A planned military operation (e.g. Operation Ring, 1991).',
  KILLING: 'The killing of one or a few people.',
  DISPLACEMENT: 'People driven from their homes: expulsion, deportation or flight.',
  MEETING: 'A meeting, visit or talks between people or organisations.',
  COMMEMORATION: 'A commemoration or anniversary of an earlier event.',
  DIPLOMATIC_ACTION: 'A diplomatic step: an application, appeal, note or similar.',
  OTHER: 'Any other kind of event.',
};

export const PARTICIPATION_ROLES = [
  'PERPETRATOR',
  'VICTIM',
  'TARGET',
  'PARTICIPANT',
  'ORGANISER',
  'MEDIATOR',
  'WITNESS',
] as const;

export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];

/** What each ParticipationRole means, as the GraphQL schema documents it. */
export const PARTICIPATION_ROLE_DESCRIPTIONS: Record<(typeof PARTICIPATION_ROLES)[number], string> = {
  PERPETRATOR: 'Carried it out (of an attack, killing, pogrom and the like).',
  VICTIM: 'Suffered it.',
  TARGET: 'Was what it was aimed at, without necessarily suffering it.',
  PARTICIPANT: 'Took part, with no more specific role.',
  ORGANISER: 'Organised or hosted it.',
  MEDIATOR: 'Mediated between the other parties.',
  WITNESS: 'Saw it happen.',
};

export const STATEMENT_KINDS = ['DIRECT_QUOTE', 'PARAPHRASE', 'OFFICIAL_ADDRESS', 'READER_COMMENT'] as const;

export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** What each StatementKind means, as the GraphQL schema documents it. */
export const STATEMENT_KIND_DESCRIPTIONS: Record<(typeof STATEMENT_KINDS)[number], string> = {
  DIRECT_QUOTE: "The speaker's own words, quoted verbatim by the source.",
  PARAPHRASE: 'What the speaker said, in the words of the source.',
  OFFICIAL_ADDRESS: 'A formal address or declaration, such as a parliament adopting a statement.',
  READER_COMMENT: 'A comment posted by a reader under the article: not part of the reporting.',
};

/** Relationship types `link` and `unlink` manage between existing nodes (the RelationshipType enum). */
export const LINK_TYPES = [
  'AFFILIATED_WITH',
  'BASED_IN',
  'LOCATED_IN',
  'PART_OF',
  'PARTICIPATED_IN',
  'OCCURRED_IN',
  'MENTIONS',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** What each RelationshipType joins, as the GraphQL schema documents it (see RULES in queries/writes/links.ts). */
export const LINK_TYPE_DESCRIPTIONS: Record<LinkType, string> = {
  AFFILIATED_WITH:
    'Person or Organisation to Organisation: membership or a role held, with optional free-text role, since and until.',
  BASED_IN: 'Organisation to Place: where it is based.',
  LOCATED_IN: 'Person or Organisation to Place: where it is located.',
  PART_OF:
    'Place to Place, Organisation to Organisation or Event to Event: lies or belongs inside (no cycles).',
  PARTICIPATED_IN:
    'Person or Organisation to Event: took part, with a ParticipationRole value as its role (required).',
  OCCURRED_IN: 'Event to Place: where it happened.',
  MENTIONS: 'Source to any entity: the source names it; needs evidence offsets into that same source.',
};

/** Relationship types that carry knowledge (paths walk these); MENTIONS, REPORTED_IN and PUBLISHED_BY are provenance. */
export const KNOWLEDGE_TYPES = [
  'SAID_BY',
  'ON_BEHALF_OF',
  'ADDRESSED_TO',
  'ABOUT',
  'REPORTS',
  ...LINK_TYPES.filter((t): t is Exclude<LinkType, 'MENTIONS'> => t !== 'MENTIONS'),
] as const;

/**
 * `value` as one of `values`, or `fallback` when it is not one (a value stored before the vocabulary
 * changed); without a fallback, such a value is an error (masked: the graph holds what writes refused).
 */
export function oneOf<T extends string>(values: readonly T[], value: unknown, fallback?: T): T {
  if ((values as readonly unknown[]).includes(value)) return value as T;
  if (fallback !== undefined) return fallback;
  throw new Error(`stored value ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
}
