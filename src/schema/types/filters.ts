import { builder } from '../builder.js';
import { EventKind, StatementKind } from './enums.js';

export const EntityFilter = builder.inputType('EntityFilter', {
  fields: (t) => ({
    nameContains: t.string({ description: 'Case-insensitive fragment of the name or an alias.' }),
    kinds: t.stringList({ description: 'OrganisationKind or PlaceKind values.' }),
    mentionedIn: t.id({ description: 'Id of a Source that mentions the entity.' }),
  }),
});

export const StatementFilter = builder.inputType('StatementFilter', {
  fields: (t) => ({
    speaker: t.id(),
    onBehalfOf: t.id(),
    addressedTo: t.id(),
    about: t.id(),
    kinds: t.field({ type: [StatementKind] }),
    from: t.string({ description: 'Partial date: statements dated no earlier than this can mean.' }),
    to: t.string({ description: 'Partial date: statements dated no later than this can mean.' }),
  }),
});

export const EventFilter = builder.inputType('EventFilter', {
  fields: (t) => ({
    kinds: t.field({ type: [EventKind] }),
    place: t.id({ description: 'Id of a Place; events in places inside it match too.' }),
    participant: t.id({ description: 'Id of a Person or Organisation that took part.' }),
    from: t.string({ description: 'Partial date; events overlapping [from, to] match.' }),
    to: t.string(),
  }),
});
