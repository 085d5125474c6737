import { AffiliationRef, EntityRef, EvidenceRef, OrganisationRef, PartialDateRef } from '../refs.js';

AffiliationRef.implement({
  description: 'A role held in an organisation.',
  fields: (t) => ({
    member: t.field({
      type: EntityRef,
      description: 'Who holds it: a Person, or an Organisation that belongs to another.',
      resolve: (a) => a.member,
    }),
    organisation: t.field({
      type: OrganisationRef,
      description: 'The organisation the role is in.',
      resolve: (a) => a.organisation,
    }),
    role: t.string({
      nullable: true,
      description: 'The role in free text, e.g. "Presidential spokesman"; null when none was given.',
      resolve: (a) => a.role || null,
    }),
    since: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it began, to the precision known; null when unknown.',
      resolve: (a) => a.since,
    }),
    until: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it ended, to the precision known; null when unknown or ongoing.',
      resolve: (a) => a.until,
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'Where sources report it; may be empty.',
      resolve: (a) => a.evidence,
    }),
  }),
});
