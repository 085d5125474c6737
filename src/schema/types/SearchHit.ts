import { EntityRef, SearchHitRef } from '../refs.js';

SearchHitRef.implement({
  fields: (t) => ({
    score: t.exposeFloat('score'),
    entity: t.field({ type: EntityRef, resolve: (h) => h.entity }),
  }),
});
