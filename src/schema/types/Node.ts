import { builder } from '../builder.js';
import { EventRef, OrganisationRef, PersonRef, PlaceRef, SourceRef, StatementRef } from '../refs.js';
import { entitiesOfType } from '../resolvers/nodes.js';

const key = { resolve: (node: { key: string }) => node.key };

for (const [ref, type] of [
  [PersonRef, 'Person'],
  [OrganisationRef, 'Organisation'],
  [PlaceRef, 'Place'],
  [EventRef, 'Event'],
] as const) {
  builder.nodeRef(ref, { id: key, loadManyWithoutCache: (keys, ctx) => entitiesOfType(ctx, keys, type) });
}
builder.nodeRef(StatementRef, {
  id: key,
  loadManyWithoutCache: (keys, ctx) => Promise.all(keys.map((k) => ctx.loaders.statementByKey.load(k))),
});
builder.nodeRef(SourceRef, {
  id: key,
  loadManyWithoutCache: (keys, ctx) => Promise.all(keys.map((k) => ctx.loaders.sourceByKey.load(k))),
});
