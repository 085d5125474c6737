/** The enums of the API; values are the strings stored in Neo4j. */
import {
  EVENT_KIND_DESCRIPTIONS,
  EVENT_KINDS,
  LINK_TYPE_DESCRIPTIONS,
  LINK_TYPES,
  ORGANISATION_KIND_DESCRIPTIONS,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLE_DESCRIPTIONS,
  PARTICIPATION_ROLES,
  PLACE_KIND_DESCRIPTIONS,
  PLACE_KINDS,
  STATEMENT_KIND_DESCRIPTIONS,
  STATEMENT_KINDS,
} from '../../model/vocabulary.js';
import { builder } from '../builder.js';

/** Enum values in the vocabulary's order, each with its description. */
function described<T extends string>(values: readonly T[], descriptions: Record<T, string>) {
  return Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<
    T,
    { description: string }
  >;
}

export const OrganisationKind = builder.enumType('OrganisationKind', {
  description: 'What kind of organisation it is.',
  values: described(ORGANISATION_KINDS, ORGANISATION_KIND_DESCRIPTIONS),
});
export const PlaceKind = builder.enumType('PlaceKind', {
  description: 'What kind of place it is.',
  values: described(PLACE_KINDS, PLACE_KIND_DESCRIPTIONS),
});
export const EventKind = builder.enumType('EventKind', {
  description: 'What kind of event it is.',
  values: described(EVENT_KINDS, EVENT_KIND_DESCRIPTIONS),
});
export const ParticipationRole = builder.enumType('ParticipationRole', {
  description: 'The part a person or organisation played in an event.',
  values: described(PARTICIPATION_ROLES, PARTICIPATION_ROLE_DESCRIPTIONS),
});
export const StatementKind = builder.enumType('StatementKind', {
  description: 'How a statement was made and reported.',
  values: described(STATEMENT_KINDS, STATEMENT_KIND_DESCRIPTIONS),
});
export const RelationshipType = builder.enumType('RelationshipType', {
  description: 'The relationship types `link` and `unlink` manage, and the node types each joins.',
  values: described(LINK_TYPES, LINK_TYPE_DESCRIPTIONS),
});
