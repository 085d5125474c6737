import type { GraphQLResolveInfo } from 'graphql';
import type {
  AffiliationRecord,
  EntityRecord,
  MentionRecord,
  ParticipationRecord,
  SourceRecord,
  StatementRecord,
} from '../model/records.js';
import type { SearchHitRecord } from '../queries/lists.js';
import type { Connection, Edge, PageArgs } from '../queries/pagination.js';
import type { RelationName } from '../queries/relations.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import {
  AffiliationRef,
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

const PageInfo = builder.objectRef<Connection<unknown>['pageInfo']>('PageInfo').implement({
  description:
    'Where a page of a Relay connection sits in its list, and the cursors to fetch the pages around it.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', {
      description:
        'Paging forward: whether more edges follow this page. Paging back (`last`): whether `before` was given.',
    }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
      description:
        'Paging back (`last`): whether more edges precede this page. Paging forward: whether `after` was given.',
    }),
    startCursor: t.exposeString('startCursor', {
      nullable: true,
      description:
        'Cursor of the first edge, to pass as `before` for the page before; null when the page is empty.',
    }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description:
        'Cursor of the last edge, to pass as `after` for the next page; null when the page is empty.',
    }),
  }),
});

/**
 * A Relay connection type `<name>Connection` with `<name>Edge` edges over `node`; `items` names what it
 * lists (plural) in the descriptions.
 */
// biome-ignore lint/suspicious/noExplicitAny: Pothos output refs of any shape
export function connectionType<T>(name: string, node: any, items: string) {
  const EdgeRef = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    description: `One of a page of ${items}, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description:
          'Opaque keyset cursor of this edge: pass it as `after` or `before` to the same field to page from here.',
      }),
      node: t.field({
        type: node,
        description: `The ${name} at this position in the list.`,
        resolve: (edge) => edge.node as never,
      }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description: `A page of ${items}: a Relay connection with keyset cursors, so pages stay stable as the graph grows.`,
    fields: (t) => ({
      edges: t.field({
        type: [EdgeRef],
        description: "This page's edges, in the list's order; empty past the end.",
        resolve: (c) => c.edges,
      }),
      pageInfo: t.field({
        type: PageInfo,
        description: 'Whether pages follow or precede this one, and the cursors to fetch them.',
        resolve: (c) => c.pageInfo,
      }),
      totalCount: t.int({
        description:
          'How many edges the whole list has (every page, filters applied). Counted in the database, and only when selected.',
        resolve: (c) => c.count(),
      }),
    }),
  });
}

/** first/after/last/before, as every connection field takes them. */
export const pageArgs = builder.args((t) => ({
  first: t.int({ description: 'Page size from the start (default 20, at most 100).' }),
  after: t.string({
    description: 'Only edges after this cursor (an edge cursor or endCursor of the same list).',
  }),
  last: t.int({ description: 'Page size from the end (at most 100).' }),
  before: t.string({
    description: 'Only edges before this cursor (an edge cursor or startCursor of the same list).',
  }),
}));

/** The connection types of the contract, shared by every field that lists the same kind of node. */
export const Connections = {
  Statement: connectionType<StatementRecord>('Statement', StatementRef, 'statements'),
  Entity: connectionType<EntityRecord>('Entity', EntityRef, 'entities'),
  Person: connectionType<EntityRecord>('Person', PersonRef, 'people'),
  Organisation: connectionType<EntityRecord>('Organisation', OrganisationRef, 'organisations'),
  Place: connectionType<EntityRecord>('Place', PlaceRef, 'places'),
  Event: connectionType<EntityRecord>('Event', EventRef, 'events'),
  Source: connectionType<SourceRecord>('Source', SourceRef, 'sources'),
  Mention: connectionType<MentionRecord>('Mention', MentionRef, 'mentions in sources'),
  Affiliation: connectionType<AffiliationRecord>('Affiliation', AffiliationRef, 'affiliations'),
  Participation: connectionType<ParticipationRecord>('Participation', ParticipationRef, 'participations'),
  SearchHit: connectionType<SearchHitRecord>('SearchHit', SearchHitRef, 'search hits'),
};

/**
 * Arguments and resolver of a connection field that lists a parent's related nodes (see RELATIONS). The
 * fields selected on its nodes go along, so a page of statements reads the links shown with it.
 */
export function relationField<R extends RelationName>(relation: R, description?: string) {
  return {
    description,
    args: pageArgs,
    resolve: (parent: { key: string }, args: PageArgs, ctx: Context, info: GraphQLResolveInfo) =>
      ctx.loaders.connections.load(relation, parent.key, args, selectedOnNodes(info)),
  };
}
