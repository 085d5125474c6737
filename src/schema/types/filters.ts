import { z } from 'zod';
import { builder } from '../builder.js';
import { EventKind, StatementKind } from './enums.js';

/** The `filter` argument of a list. */
export const FILTER_DESCRIPTION = 'Only what matches every condition given; everything when left out.';

export const EntityFilter = builder.inputType('EntityFilter', {
  description: 'Conditions on people, organisations or places; every condition given must hold.',
  fields: (t) => ({
    nameContains: t.string({
      description: 'Case-insensitive fragment of the name or an alias (at most 200 characters).',
      validate: z.string().max(200, 'nameContains is longer than 200 characters'),
    }),
    kinds: t.stringList({ description: 'OrganisationKind or PlaceKind values.' }),
    mentionedIn: t.globalID({ description: 'Id of a Source that mentions the entity.' }),
  }),
});

export const StatementFilter = builder.inputType('StatementFilter', {
  description: 'Conditions on statements; every condition given must hold.',
  fields: (t) => ({
    speaker: t.globalID({ description: 'Id of the entity that made them.' }),
    onBehalfOf: t.globalID({ description: 'Id of an entity they were made on behalf of.' }),
    addressedTo: t.globalID({ description: 'Id of an entity they were addressed to.' }),
    about: t.globalID({ description: 'Id of an entity (of any type) they are about.' }),
    kinds: t.field({ type: [StatementKind], description: 'Only statements of these kinds.' }),
    from: t.string({ description: 'Partial date: statements dated no earlier than this can mean.' }),
    to: t.string({ description: 'Partial date: statements dated no later than this can mean.' }),
  }),
});

export const EventFilter = builder.inputType('EventFilter', {
  description: 'Conditions on events; every condition given must hold.',
  fields: (t) => ({
    kinds: t.field({ type: [EventKind], description: 'Only events of these kinds.' }),
    place: t.globalID({ description: 'Id of a Place; events in places inside it match too.' }),
    participant: t.globalID({ description: 'Id of a Person or Organisation that took part.' }),
    from: t.string({ description: 'Partial date; events overlapping [from, to] match.' }),
    to: t.string({
      description: 'Partial date, the end of the period; events overlapping [from, to] match.',
    }),
  }),
});
