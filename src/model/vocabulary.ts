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
