/** The enums of the API; values are the strings stored in Neo4j. */
import {
  EVENT_KINDS,
  LINK_TYPES,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLES,
  PLACE_KINDS,
  STATEMENT_KINDS,
} from '../../model/vocabulary.js';
import { builder } from '../builder.js';

export const OrganisationKind = builder.enumType('OrganisationKind', { values: ORGANISATION_KINDS });
export const PlaceKind = builder.enumType('PlaceKind', { values: PLACE_KINDS });
export const EventKind = builder.enumType('EventKind', { values: EVENT_KINDS });
export const ParticipationRole = builder.enumType('ParticipationRole', { values: PARTICIPATION_ROLES });
export const StatementKind = builder.enumType('StatementKind', { values: STATEMENT_KINDS });
export const RelationshipType = builder.enumType('RelationshipType', { values: LINK_TYPES });
