import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../../errors.js';
import { primeReads } from '../../loaders/reads.js';
import { periodOf } from '../../model/partialDate.js';
import { ENTITY_LABELS, type EntityLabel } from '../../model/records.js';
import { ORGANISATION_KINDS, PLACE_KINDS } from '../../model/vocabulary.js';
import type { ListPage } from '../../queries/lists.js';
import {
  type EntityFilter,
  type EventFilter,
  entityList,
  eventList,
  type StatementFilter,
  searchEntities,
  sourceList,
  statementList,
} from '../../queries/lists.js';
import type { PageArgs } from '../../queries/pagination.js';
import type { Context } from '../context.js';
import { aheadOfNodes } from '../reads.js';
import { type DecodedId, optionalKeyOfType } from './ids.js';

/** Kinds each listable entity type has; people have none. */
export const KINDS: Record<'Person' | 'Organisation' | 'Place', readonly string[]> = {
  Person: [],
  Organisation: ORGANISATION_KINDS,
  Place: PLACE_KINDS,
};

interface EntityFilterArgs {
  nameContains?: string | null;
  kinds?: readonly string[] | null;
  mentionedIn?: DecodedId | null;
}

/**
 * A root list's page read with everything selected below its nodes (one query), handed to the loaders
 * the nested fields' resolvers will ask.
 */
async function planned<T>(ctx: Context, page: Promise<ListPage<T>>): Promise<ListPage<T>> {
  const connection = await page;
  primeReads(ctx.loaders, connection.ahead);
  return connection;
}

/** Query.people / organisations / places. */
export function listEntities(
  ctx: Context,
  label: 'Person' | 'Organisation' | 'Place',
  filter: EntityFilterArgs | null | undefined,
  args: PageArgs,
  info: GraphQLResolveInfo,
) {
  const kinds = filter?.kinds ?? null;
  const unknown = kinds?.find((k) => !KINDS[label].includes(k));
  if (unknown !== undefined) {
    throw badInput(
      KINDS[label].length
        ? `kinds: "${unknown}" is not one of ${KINDS[label].join(', ')}`
        : `kinds: a ${label} has no kind`,
      { argument: 'kinds' },
    );
  }
  const checked: EntityFilter = {
    nameContains: filter?.nameContains?.trim().toLowerCase() || null,
    kinds,
    mentionedIn: optionalKeyOfType(filter?.mentionedIn, ['Source'], 'mentionedIn'),
  };
  return planned(ctx, entityList(ctx.db, label, checked, args, aheadOfNodes(info)));
}

/** Query.events, oldest first. */
export function listEvents(
  ctx: Context,
  filter:
    | {
        kinds?: readonly string[] | null;
        place?: DecodedId | null;
        participant?: DecodedId | null;
        from?: string | null;
        to?: string | null;
      }
    | null
    | undefined,
  args: PageArgs,
  info: GraphQLResolveInfo,
) {
  const checked: EventFilter = {
    kinds: filter?.kinds ?? null,
    place: optionalKeyOfType(filter?.place, ['Place'], 'place'),
    participant: optionalKeyOfType(filter?.participant, ['Person', 'Organisation'], 'participant'),
    ...periodOf(filter?.from, filter?.to),
  };
  return planned(ctx, eventList(ctx.db, checked, args, aheadOfNodes(info)));
}

/** The StatementFilter argument as clients give it (ids decoded by plugin-relay). */
export type StatementFilterArg =
  | {
      speaker?: DecodedId | null;
      onBehalfOf?: DecodedId | null;
      addressedTo?: DecodedId | null;
      about?: DecodedId | null;
      kinds?: readonly string[] | null;
      from?: string | null;
      to?: string | null;
    }
  | null
  | undefined;

/** A StatementFilter argument checked: ids of entities, a valid period (BAD_USER_INPUT otherwise). */
export const checkedStatementFilter = (filter: StatementFilterArg): StatementFilter => ({
  speaker: optionalKeyOfType(filter?.speaker, ENTITY_LABELS, 'speaker'),
  onBehalfOf: optionalKeyOfType(filter?.onBehalfOf, ENTITY_LABELS, 'onBehalfOf'),
  addressedTo: optionalKeyOfType(filter?.addressedTo, ENTITY_LABELS, 'addressedTo'),
  about: optionalKeyOfType(filter?.about, ENTITY_LABELS, 'about'),
  kinds: filter?.kinds ?? null,
  ...periodOf(filter?.from, filter?.to),
});

/** Query.statements, newest first. */
export function listStatements(
  ctx: Context,
  filter: StatementFilterArg,
  args: PageArgs,
  info: GraphQLResolveInfo,
) {
  return planned(ctx, statementList(ctx.db, checkedStatementFilter(filter), args, aheadOfNodes(info)));
}

/** Query.sources. */
export const listSources = (ctx: Context, args: PageArgs, info: GraphQLResolveInfo) =>
  planned(ctx, sourceList(ctx.db, args, aheadOfNodes(info)));

/** Query.search: ranked full-text search; `types` narrows it to some entity types. */
export function search(
  ctx: Context,
  text: string,
  types: readonly EntityLabel[] | null | undefined,
  args: PageArgs,
) {
  return searchEntities(ctx.db, text, types?.length ? types : null, args);
}
