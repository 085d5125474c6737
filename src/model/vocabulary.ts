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

export const PLACE_KINDS = ['COUNTRY', 'REGION', 'CITY', 'VILLAGE', 'SITE', 'OTHER'] as const;

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

export const PARTICIPATION_ROLES = [
  'PERPETRATOR',
  'VICTIM',
  'TARGET',
  'PARTICIPANT',
  'ORGANISER',
  'MEDIATOR',
  'WITNESS',
] as const;

export const STATEMENT_KINDS = ['DIRECT_QUOTE', 'PARAPHRASE', 'OFFICIAL_ADDRESS', 'READER_COMMENT'] as const;

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

/** Relationship types that carry knowledge (paths walk these); MENTIONS, REPORTED_IN and PUBLISHED_BY are provenance. */
export const KNOWLEDGE_TYPES = [
  'SAID_BY',
  'ON_BEHALF_OF',
  'ADDRESSED_TO',
  'ABOUT',
  'REPORTS',
  ...LINK_TYPES.filter((t): t is Exclude<LinkType, 'MENTIONS'> => t !== 'MENTIONS'),
] as const;
