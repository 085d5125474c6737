import type { Data } from './api.js';
import { DATE_FIELDS, entityHref, entityLinks, formatDate, h, sourceHref, words } from './dom.js';

/** What a statement card shows: who spoke, for whom, to whom, about what, when, and what it relays. */
export const STATEMENT_FIELDS = `
  id kind text date { ${DATE_FIELDS} }
  speaker { key name } onBehalfOf { key name } addressedTo { key name } about { key name }
  evidence { start end excerpt source { id title } }
  reports { id text kind speaker { key name } addressedTo { key name } reports { id text speaker { key name } } }
  reportedBy { id speaker { key name } }`;

/** One statement as a card; its evidence links open the source with the span highlighted. */
export function statementCard(statement: Data, fresh = false): HTMLElement {
  const row = (label: string, entities: Data[]) =>
    entities.length ? [h('dt', {}, label), h('dd', {}, ...entityLinks(entities))] : [];
  return h(
    'article',
    { class: fresh ? 'statement fresh' : 'statement', 'data-id': statement.id },
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'badge' }, words(statement.kind)),
      ' · ',
      h('time', { datetime: statement.date?.iso ?? '' }, formatDate(statement.date)),
      fresh ? h('span', { class: 'badge new' }, 'new') : null,
    ),
    h('blockquote', {}, statement.text),
    h(
      'dl',
      {},
      row('Speaker', [statement.speaker]),
      row('On behalf of', statement.onBehalfOf),
      row('Addressed to', statement.addressedTo),
      row('About', statement.about),
    ),
    statement.reports ? reportedChain(statement.reports) : null,
    statement.reportedBy.length
      ? h(
          'p',
          { class: 'chain-note' },
          'Relayed by ',
          ...entityLinks(statement.reportedBy.map((s: Data) => s.speaker)),
        )
      : null,
    ...statement.evidence.map((evidence: Data) =>
      h(
        'p',
        { class: 'evidence-link' },
        h(
          'a',
          { href: sourceHref(evidence.source.id, statement.id) },
          `Read it in “${evidence.source.title}”`,
        ),
      ),
    ),
  );
}

/** Reported speech as the chain it is: the words relayed, and what those words relayed in turn. */
function reportedChain(reported: Data): HTMLElement {
  return h(
    'div',
    { class: 'chain' },
    h(
      'p',
      { class: 'chain-note' },
      'Relays the words of ',
      h('a', { href: entityHref(reported.speaker.key) }, reported.speaker.name),
      reported.addressedTo?.length ? [' to ', ...entityLinks(reported.addressedTo)] : null,
      ':',
    ),
    h('blockquote', {}, reported.text),
    reported.reports ? reportedChain(reported.reports) : null,
  );
}
