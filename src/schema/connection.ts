import type { GraphQLResolveInfo } from 'graphql';
import type { PageArgs } from '../queries/pagination.js';
import type { RelationName } from '../queries/relations.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import type { RelationExtension } from './reads.js';
import {
  AffiliationRef,
  DraftRef,
  EntityRef,
  EventRef,
  MentionRef,
  OrganisationRef,
  ParticipationRef,
  PersonRef,
  PlaceRef,
  SearchHitRef,
  SourceRef,
  StatementRef,
} from './refs.js';
import { selectedOnNodes } from './selection.js';

/**
 * A Relay connection type `<name>Connection` with `<name>Edge` edges over `node` (plugin-relay), with our
 * keyset cursors and `totalCount`; `items` names what it lists (plural) in the descriptions.
 */
// biome-ignore lint/suspicious/noExplicitAny: Pothos output refs of any shape
function connectionType(name: string, node: any, items: string) {
  return builder.connectionObject(
    {
      type: node,
      name: `${name}Connection`,
      description: `A page of ${items}: a Relay connection with keyset cursors, so pages stay stable as the graph grows.`,
      fields: (t) => ({
        totalCount: t.int({
          description:
            'How many edges the whole list has (every page, filters applied). Counted in the database, and only when selected.',
          resolve: (c) => c.count(),
        }),
      }),
    },
    {
      name: `${name}Edge`,
      description: `One of a page of ${items}, with its cursor.`,
      nodeField: { description: `The ${name} at this position in the list.` },
    },
  );
}

/** first/after/last/before, as every connection field takes them. */
export const pageArgs = builder.args((t) => t.connectionArgs());

/** The connection types of the contract, shared by every field that lists the same kind of node. */
export const Connections = {
  Statement: connectionType('Statement', StatementRef, 'statements'),
  Entity: connectionType('Entity', EntityRef, 'entities'),
  Person: connectionType('Person', PersonRef, 'people'),
  Organisation: connectionType('Organisation', OrganisationRef, 'organisations'),
  Place: connectionType('Place', PlaceRef, 'places'),
  Event: connectionType('Event', EventRef, 'events'),
  Source: connectionType('Source', SourceRef, 'sources'),
  Mention: connectionType('Mention', MentionRef, 'mentions in sources'),
  Affiliation: connectionType('Affiliation', AffiliationRef, 'affiliations'),
  Participation: connectionType('Participation', ParticipationRef, 'participations'),
  SearchHit: connectionType('SearchHit', SearchHitRef, 'search hits'),
  Draft: connectionType('Draft', DraftRef, 'drafts'),
};

// The field of a link edge's node (an affiliation, a participation, a mention) holding the listed node.
const OTHER_END: Partial<Record<RelationName, string>> = {
  affiliations: 'organisation',
  members: 'member',
  participations: 'event',
  participants: 'entity',
  mentions: 'source',
};

/** What a connection field tells the planner (schema/reads.ts): the relation it pages, and where its listed node is. */
export function relationExtension(relation: RelationName): { relation: RelationExtension } {
  const other = OTHER_END[relation];
  return { relation: { relation, ...(other ? { other } : {}) } };
}

/**
 * Arguments and resolver of a connection field that lists a parent's related nodes (see RELATIONS). The
 * fields selected on its nodes go along, so a page of statements reads the links shown with it.
 */
export function relationField<R extends RelationName>(relation: R, description?: string) {
  return {
    description,
    args: pageArgs,
    extensions: relationExtension(relation),
    resolve: (parent: { key: string }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.loaders.connections.load(relation, parent.key, args, selectedOnNodes(info)),
  };
}
