/** Descriptions the inputs of the entity upserts (upsertPerson, upsertOrganisation, …) share. */

/** The `key` of an upsert input: `type` is the key's prefix ("person", "event", …). */
export const KEY_DESCRIPTION = (type: string) =>
  `Its key, "${type}/<slug>" (lower-case ASCII words joined by "-", at most 200 characters); an existing key updates that ${type}.`;

export const NAME_DESCRIPTION = 'Its name as usually written (at most 200 characters).';

export const ALIASES_DESCRIPTION =
  'Other names and spellings (at most 50, each at most 200 characters); replaces the stored list (null keeps it).';

export const DESCRIPTION_DESCRIPTION = 'A short description (at most 5,000 characters); null clears it.';
