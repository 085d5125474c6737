import type { GraphQLResolveInfo } from 'graphql';
import type {
  AffiliationRecord,
  MentionRecord,
  ParticipationRecord,
  RelationName,
} from '../loaders/connections.js';
import type { SearchHitRecord } from '../loaders/lists.js';
import type { Connection, Edge, PageArgs } from '../loaders/pagination.js';
import type { EntityRecord, SourceRecord, StatementRecord } from '../loaders/records.js';
import { builder, type Context } from './builder.js';
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
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/** A Relay connection type `<name>Connection` with `<name>Edge` edges over `node`. */
// biome-ignore lint/suspicious/noExplicitAny: Pothos output refs of any shape
export function connectionType<T>(name: string, node: any) {
  const EdgeRef = builder.objectRef<Edge<T>>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.field({ type: node, resolve: (edge) => edge.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
      totalCount: t.int({
        description: 'Counted in the database, and only when selected.',
        resolve: (c) => c.count(),
      }),
    }),
  });
}

/** first/after/last/before, as every connection field takes them. */
export const pageArgs = builder.args((t) => ({
  first: t.int({ description: 'Page size from the start (default 20, at most 100).' }),
  after: t.string(),
  last: t.int({ description: 'Page size from the end (at most 100).' }),
  before: t.string(),
}));

/** The connection types of the contract, shared by every field that lists the same kind of node. */
export const Connections = {
  Statement: connectionType<StatementRecord>('Statement', StatementRef),
  Entity: connectionType<EntityRecord>('Entity', EntityRef),
  Person: connectionType<EntityRecord>('Person', PersonRef),
  Organisation: connectionType<EntityRecord>('Organisation', OrganisationRef),
  Place: connectionType<EntityRecord>('Place', PlaceRef),
  Event: connectionType<EntityRecord>('Event', EventRef),
  Source: connectionType<SourceRecord>('Source', SourceRef),
  Mention: connectionType<MentionRecord>('Mention', MentionRef),
  Affiliation: connectionType<AffiliationRecord>('Affiliation', AffiliationRef),
  Participation: connectionType<ParticipationRecord>('Participation', ParticipationRef),
  SearchHit: connectionType<SearchHitRecord>('SearchHit', SearchHitRef),
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
