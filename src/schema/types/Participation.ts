import { EntityRef, EventRef, EvidenceRef, ParticipationRef } from '../refs.js';
import { ParticipationRole } from './enums.js';

ParticipationRef.implement({
  description: 'A person or organisation taking part in an event, in some role.',
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      description: 'Who took part: a Person or Organisation.',
      resolve: (p) => p.entity,
    }),
    event: t.field({ type: EventRef, description: 'The event.', resolve: (p) => p.event }),
    role: t.field({
      type: ParticipationRole,
      description: 'The part it played.',
      resolve: (p) => p.role,
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'Where sources report it; may be empty.',
      resolve: (p) => p.evidence,
    }),
  }),
});
