import { AffiliationRef, EntityRef, EvidenceRef, OrganisationRef, PartialDateRef } from '../refs.js';

AffiliationRef.implement({
  description: 'A role held in an organisation.',
  fields: (t) => ({
    member: t.field({ type: EntityRef, resolve: (a) => a.member }),
    organisation: t.field({ type: OrganisationRef, resolve: (a) => a.organisation }),
    role: t.string({ nullable: true, resolve: (a) => a.role || null }),
    since: t.field({ type: PartialDateRef, nullable: true, resolve: (a) => a.since }),
    until: t.field({ type: PartialDateRef, nullable: true, resolve: (a) => a.until }),
    evidence: t.field({ type: [EvidenceRef], resolve: (a) => a.evidence }),
  }),
});
