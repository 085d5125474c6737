import { type Data, gql } from './api.js';
import { DATE_FIELDS, entityHref, errorMessage, formatDate, h, type PartialDate } from './dom.js';

const EVENT = `... on Event { key name start { ${DATE_FIELDS} } end { ${DATE_FIELDS} } }`;

const TIMELINE = `query Timeline($key: String!, $id: ID!, $speaks: Boolean!) {
  entity(key: $key) {
    ${EVENT}
    ... on Person { participations(first: 100) { edges { node { event { ${EVENT} } } } } }
    ... on Organisation { participations(first: 100) { edges { node { event { ${EVENT} } } } } }
    ... on Place { events(first: 100) { edges { node { ${EVENT} } } } }
  }
  said: statements(filter: { speaker: $id }, first: 100) @include(if: $speaks) {
    edges { node { date { ${DATE_FIELDS} } about { ${EVENT} } } }
  }
  about: statements(filter: { about: $id }, first: 100) {
    edges { node { date { ${DATE_FIELDS} } about { ${EVENT} } } }
  }
}`;

interface Item {
  label: string;
  href?: string;
  start: PartialDate;
  end?: PartialDate | null;
}

/**
 * Events and statements about an entity over time, oldest first, each drawn at its precision: a bar
 * as long as the year, month or day it stands for, on one scale for the whole timeline.
 */
export async function timeline(entity: Data): Promise<HTMLElement> {
  let data: Data;
  try {
    data = await gql(TIMELINE, {
      key: entity.key,
      id: entity.id,
      speaks: entity.__typename === 'Person' || entity.__typename === 'Organisation',
    });
  } catch (error) {
    return errorMessage(error);
  }
  const events = new Map<string, Data>();
  const addEvent = (event: Data | undefined) => {
    if (event?.start && event.key) events.set(event.key, event);
  };
  addEvent(data.entity);
  for (const { node } of data.entity?.participations?.edges ?? []) addEvent(node.event);
  for (const { node } of data.entity?.events?.edges ?? []) addEvent(node);
  const statements = [...(data.said?.edges ?? []), ...data.about.edges].map((edge: Data) => edge.node);
  for (const statement of statements) for (const about of statement.about) addEvent(about);

  // Statements are many and alike: one item per period, with how many.
  const periods = new Map<string, { date: PartialDate; count: number }>();
  for (const { date } of statements) {
    if (!date) continue;
    const period = periods.get(date.iso) ?? { date, count: 0 };
    period.count += 1;
    periods.set(date.iso, period);
  }
  const items: Item[] = [
    ...[...events.values()].map(
      (event): Item => ({
        label: event.name,
        href: entityHref(event.key),
        start: event.start,
        end: event.end,
      }),
    ),
    ...[...periods.values()].map(
      ({ date, count }): Item => ({ label: `${count} statement${count === 1 ? '' : 's'}`, start: date }),
    ),
  ].sort(
    (a, b) =>
      a.start.earliest.localeCompare(b.start.earliest) ||
      (a.end ?? a.start).latest.localeCompare((b.end ?? b.start).latest),
  );
  if (!items.length) return h('p', {}, 'Nothing dated yet.');

  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const first = day(items[0]?.start.earliest ?? '');
  const last = Math.max(...items.map((item) => day((item.end ?? item.start).latest) + 1));
  const span = Math.max(last - first, 1);
  return h(
    'ol',
    { class: 'timeline' },
    items.map((item) => {
      const bar = h('span', { class: 'bar', 'aria-hidden': 'true' });
      const from = day(item.start.earliest);
      const to = day((item.end ?? item.start).latest) + 1;
      bar.style.left = `${((from - first) / span) * 100}%`;
      bar.style.width = `max(3px, ${((to - from) / span) * 100}%)`;
      const when = item.end ? `${formatDate(item.start)} – ${formatDate(item.end)}` : formatDate(item.start);
      return h(
        'li',
        {},
        h('time', { datetime: item.start.iso }, when),
        ' ',
        item.href ? h('a', { href: item.href }, item.label) : h('span', {}, item.label),
        h('span', { class: 'track' }, bar),
      );
    }),
  );
}
