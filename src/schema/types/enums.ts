/** The enums of the API; values are the strings stored in Neo4j. */

import { KINDS } from '../../resolvers/lists.js';
import { PARTICIPATION_ROLES } from '../../writes/links.js';
import { builder } from '../builder.js';

export const OrganisationKind = builder.enumType('OrganisationKind', { values: KINDS.Organisation });
export const PlaceKind = builder.enumType('PlaceKind', { values: KINDS.Place });
export const EventKind = builder.enumType('EventKind', {
  values: [
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
  ] as const,
});
export const ParticipationRole = builder.enumType('ParticipationRole', { values: PARTICIPATION_ROLES });
export const StatementKind = builder.enumType('StatementKind', {
  values: ['DIRECT_QUOTE', 'PARAPHRASE', 'OFFICIAL_ADDRESS', 'READER_COMMENT'] as const,
});
export const RelationshipType = builder.enumType('RelationshipType', {
  values: [
    'AFFILIATED_WITH',
    'BASED_IN',
    'LOCATED_IN',
    'PART_OF',
    'PARTICIPATED_IN',
    'OCCURRED_IN',
    'MENTIONS',
  ] as const,
});
