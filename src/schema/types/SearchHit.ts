import { EntityRef, SearchHitRef } from '../refs.js';

SearchHitRef.implement({
  description: 'One result of search: an entity and how well it matched.',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description: 'Full-text relevance: higher is better; comparable within one search only.',
    }),
    entity: t.field({ type: EntityRef, description: 'The entity that matched.', resolve: (h) => h.entity }),
  }),
});
