import { EntityRef, EventRef, EvidenceRef, ParticipationRef } from '../refs.js';
import { ParticipationRole } from './enums.js';

ParticipationRef.implement({
  fields: (t) => ({
    entity: t.field({ type: EntityRef, resolve: (p) => p.entity }),
    event: t.field({ type: EventRef, resolve: (p) => p.event }),
    role: t.field({ type: ParticipationRole, resolve: (p) => p.role as 'PARTICIPANT' }),
    evidence: t.field({ type: [EvidenceRef], resolve: (p) => p.evidence }),
  }),
});
