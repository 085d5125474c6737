/**
 * Generated datasets, in the format of seed/article.json, for measuring and testing loadDataset at
 * sizes no one would write by hand: deterministic for a seed, and valid throughout (every key defined,
 * every quote unique in its source, every excerpt cut from its source's text). For `statements` N:
 * N/5 people, N/12 organisations, N/20 places, N/20 events, N/100 sources of about 100 sentences each,
 * one statement per sentence (evidence by quote or by offsets, a tenth of them reporting an earlier
 * one), an affiliation per person and a few MENTIONS per source.
 */
import {
  EVENT_KINDS,
  ORGANISATION_KINDS,
  PARTICIPATION_ROLES,
  PLACE_KINDS,
  STATEMENT_KINDS,
} from '../model/vocabulary.js';
import type { Dataset } from './format.js';
import { random } from './synthetic.js';

const WORDS =
  'government city war peace talks border attack minister council report press people region state army meeting agreement crisis vote election court law security rights aid refugees ceasefire troops villages envoy'.split(
    ' ',
  );
const VERBS = ['said', 'condemned', 'announced', 'denied', 'warned', 'urged', 'claimed', 'welcomed'];

/** A generated dataset of `statements` statements (at least 100), the same for the same seed. */
export function generateDataset({ statements, seed = 1 }: { statements: number; seed?: number }): Dataset {
  const rng = random(seed);
  const int = (n: number) => Math.floor(rng() * n);
  const of = <T>(list: readonly T[]) => list[int(list.length)] as T;
  const words = (count: number) => Array.from({ length: count }, () => of(WORDS)).join(' ');
  const n = {
    people: Math.max(5, Math.round(statements / 5)),
    organisations: Math.max(5, Math.round(statements / 12)),
    places: Math.max(5, Math.round(statements / 20)),
    events: Math.max(5, Math.round(statements / 20)),
    sources: Math.max(1, Math.round(statements / 100)),
  };
  const countries = Math.max(1, Math.floor(n.places / 10));
  const person = (i: number) => `person/person-${i}`;
  const organisation = (i: number) => `organisation/organisation-${i}`;
  const place = (i: number) => `place/place-${i}`;
  const event = (i: number) => `event/event-${i}`;
  const source = (i: number) => `source/source-${i}`;
  const personName = (i: number) => `Person ${i} ${of(['Babayan', 'Sahakian', 'Aliyev', 'Petrosyan'])}`;

  const places: Dataset['places'] = Array.from({ length: n.places }, (_, i) => ({
    key: place(i),
    name: `Place ${i}`,
    kind: i < countries ? 'COUNTRY' : of(PLACE_KINDS.filter((k) => k !== 'COUNTRY')),
    location: { latitude: int(17000) / 100 - 85, longitude: int(36000) / 100 - 180 },
    ...(i >= countries ? { partOf: place(int(countries)) } : {}),
  }));
  const organisations: Dataset['organisations'] = Array.from({ length: n.organisations }, (_, i) => ({
    key: organisation(i),
    name: `Organisation ${i}`,
    aliases: [`Org ${i}`],
    kind: of(ORGANISATION_KINDS),
    basedIn: place(int(n.places)),
    ...(i > 0 && rng() < 0.2 ? { partOf: organisation(int(i)) } : {}),
  }));
  const names = Array.from({ length: n.people }, (_, i) => personName(i));
  const people: Dataset['people'] = names.map((name, i) => ({
    key: person(i),
    name,
    ...(rng() < 0.3 ? { description: words(6) } : {}),
  }));
  const events: Dataset['events'] = Array.from({ length: n.events }, (_, i) => {
    const year = 1950 + int(75);
    return {
      key: event(i),
      name: `Event ${i}`,
      kind: of(EVENT_KINDS),
      start: rng() < 0.5 ? `${year}` : `${year}-${String(1 + int(12)).padStart(2, '0')}`,
      ...(rng() < 0.2 ? { end: `${year + 1}` } : {}),
      places: [place(int(n.places))],
      participants: [
        { entity: person(int(n.people)), role: of(PARTICIPATION_ROLES) },
        { entity: organisation(int(n.organisations)), role: of(PARTICIPATION_ROLES) },
      ],
      ...(i > 0 && rng() < 0.1 ? { partOf: event(int(i)) } : {}),
    };
  });

  // Sources: one sentence per statement, each starting with a marker that makes it unique in its text.
  const perSource = Math.ceil(statements / n.sources);
  const sentences: { source: number; start: number; text: string; speaker: number }[] = [];
  const sources: Dataset['sources'] = Array.from({ length: n.sources }, (_, s) => {
    let text = `Report ${s}.\n`;
    for (let j = 0; j < perSource && sentences.length < statements; j++) {
      const speaker = int(n.people);
      const sentence = `(${s}.${j}) ${names[speaker]} ${of(VERBS)} that the ${words(6 + int(10))}.`;
      sentences.push({ source: s, start: text.length, text: sentence, speaker });
      text += `${sentence}\n`;
    }
    return {
      key: source(s),
      title: `Report ${s}: ${words(5)}`,
      url: `https://news.example/${s}`,
      publisher: organisation(int(n.organisations)),
      published: `20${String(10 + int(15))}-0${1 + int(9)}`,
      language: 'en',
      text,
    };
  });
  const textOf = (s: number) => sources[s]?.text ?? '';

  const links: Dataset['links'] = names.map((_, i) => ({
    from: person(i),
    to: organisation(int(n.organisations)),
    type: 'AFFILIATED_WITH',
    role: of(['member', 'spokesman', 'president', 'envoy', 'minister']),
    ...(rng() < 0.5 ? { since: `${1990 + int(30)}` } : {}),
  }));
  // A source mentions the speakers of its first sentences, where their names stand.
  for (const sentence of sentences.filter((_, i) => i % 10 === 0)) {
    const name = names[sentence.speaker] ?? '';
    const start = sentence.start + sentence.text.indexOf(name);
    links.push({
      from: source(sentence.source),
      to: person(sentence.speaker),
      type: 'MENTIONS',
      evidence: [
        {
          source: source(sentence.source),
          start,
          end: start + name.length,
          excerpt: textOf(sentence.source).slice(start, start + name.length),
        },
      ],
    });
  }

  const anyEntity = () => {
    const r = rng();
    if (r < 0.4) return person(int(n.people));
    if (r < 0.7) return organisation(int(n.organisations));
    if (r < 0.85) return place(int(n.places));
    return event(int(n.events));
  };
  const statementList: Dataset['statements'] = sentences.map((sentence, i) => {
    const quoted = i % 2 === 0;
    const other = sentences[i + 1]?.source === sentence.source ? sentences[i + 1] : undefined;
    const evidence: Dataset['statements'][number]['evidence'] = [
      quoted
        ? { source: source(sentence.source), quote: sentence.text }
        : {
            source: source(sentence.source),
            start: sentence.start,
            end: sentence.start + sentence.text.length,
            excerpt: sentence.text,
          },
      ...(other && rng() < 0.2
        ? [
            {
              source: source(other.source),
              start: other.start,
              end: other.start + other.text.length,
              excerpt: other.text,
            },
          ]
        : []),
    ];
    return {
      name: `statement-${i}`,
      kind: of(STATEMENT_KINDS),
      text: sentence.text.slice(sentence.text.indexOf(')') + 2),
      speaker: person(sentence.speaker),
      ...(rng() < 0.5 ? { onBehalfOf: [organisation(int(n.organisations))] } : {}),
      ...(rng() < 0.4 ? { addressedTo: [organisation(int(n.organisations))] } : {}),
      about: Array.from({ length: 1 + int(3) }, anyEntity),
      date: `20${String(10 + int(15))}-${String(1 + int(12)).padStart(2, '0')}`,
      evidence,
      ...(i > 0 && rng() < 0.1 ? { reports: `statement-${int(i)}` } : {}),
    };
  });

  return {
    dir: '.',
    sources,
    places,
    organisations,
    people,
    events,
    links,
    statements: statementList,
  };
}
