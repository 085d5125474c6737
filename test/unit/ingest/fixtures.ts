/** Shared fixtures for the extraction tests: a small known world and helpers to read an extraction. */
import { extract } from '../../../src/ingest/extract.js';
import { lookupFrom } from '../../../src/ingest/lookup.js';
import type {
  Extraction,
  KnownEntity,
  ProposedEntity,
  ProposedStatement,
} from '../../../src/ingest/types.js';

export const KNOWN: KnownEntity[] = [
  { key: 'person/maria-kessler', label: 'Person', name: 'Maria Kessler', aliases: ['Kessler'] },
  { key: 'person/tomas-kessler', label: 'Person', name: 'Tomas Kessler', aliases: ['Kessler'] },
  { key: 'person/ivan-dragomir', label: 'Person', name: 'Ivan Dragomir', aliases: ['Dragomir'] },
  { key: 'place/freedonia', label: 'Place', name: 'Freedonia', aliases: ['Republic of Freedonia'] },
  { key: 'place/dunmere', label: 'Place', name: 'Dunmere', aliases: [] },
  { key: 'place/port-arlen', label: 'Place', name: 'Port Arlen', aliases: [] },
  {
    key: 'organisation/dunmere-athletic',
    label: 'Organisation',
    name: 'Dunmere Athletic',
    aliases: ['Dunmere'],
  },
  {
    key: 'organisation/foreign-ministry',
    label: 'Organisation',
    name: 'Ministry of Foreign Affairs of Freedonia',
    aliases: ['Freedonian Foreign Ministry'],
  },
  {
    key: 'organisation/health-ministry',
    label: 'Organisation',
    name: 'Ministry of Health',
    aliases: ['Health Ministry'],
  },
  { key: 'organisation/city-council', label: 'Organisation', name: 'Port Arlen City Council', aliases: [] },
  { key: 'organisation/herald', label: 'Organisation', name: 'Freedonia Herald', aliases: [] },
  { key: 'event/varno-summit', label: 'Event', name: 'Varno summit', aliases: [] },
];

export const lookup = lookupFrom(KNOWN);

/** Runs extract over `text` with the fixture world. */
export function run(text: string, published: string | null = '2024-03-13') {
  return extract({ text, published, lookup });
}

/** The entity a statement's speaker (or any id) names. */
export const entity = (x: Extraction, id: string): ProposedEntity => {
  const found = x.entities.find((e) => e.id === id);
  if (!found) throw new Error(`no entity ${id}`);
  return found;
};

/** What a statement's speaker is called: its linked key, else its name (unnamed ones in brackets). */
export const speakerOf = (x: Extraction, s: ProposedStatement) => {
  const e = entity(x, s.speaker);
  return e.link?.key ?? (e.unnamed ? `[${e.unnamed.description}]` : e.name);
};

/** The words of a statement's evidence. */
export const evidenceOf = (text: string, s: ProposedStatement) =>
  text.slice(s.evidence.start, s.evidence.end);

/** The statement whose evidence starts with `words`. */
export function statementStarting(x: Extraction, text: string, words: string): ProposedStatement {
  const found = x.statements.find((s) => evidenceOf(text, s).startsWith(words));
  if (!found) {
    const all = x.statements.map((s) => `${s.kind} ${evidenceOf(text, s)}`).join('\n');
    throw new Error(`no statement starting "${words}" among:\n${all}`);
  }
  return found;
}

/** The surfaces mentioning each entity key or name. */
export function mentionsBy(x: Extraction, text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of x.mentions) {
    const e = entity(x, m.entity);
    const key = e.link?.key ?? e.name;
    out.set(key, [...(out.get(key) ?? []), text.slice(m.start, m.end)]);
  }
  return out;
}
