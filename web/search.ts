import { type Data, gql } from './api.js';
import { h, words } from './dom.js';

const SEARCH = `query Search($text: String!, $types: [EntityType!]) {
  search(text: $text, types: $types, first: 8) {
    edges { node { entity { __typename id key name aliases } } }
  }
}`;

export interface Hit {
  __typename: string;
  id: string;
  key: string;
  name: string;
  aliases: string[];
}

let boxes = 0;

/**
 * A search box that asks `search` as one types (typo-tolerant, filtered by kind), with results to walk
 * with the arrow keys and pick with Enter or a click (the ARIA combobox pattern).
 */
export function searchBox(label: string, onPick: (hit: Hit) => void): HTMLElement {
  const id = `search-${++boxes}`;
  const input = h('input', {
    id,
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    placeholder: 'A name, e.g. Babayan',
  });
  const kind = h(
    'select',
    { id: `${id}-kind`, 'aria-label': 'Kind of entity' },
    h('option', { value: '' }, 'All kinds'),
    ...['PERSON', 'ORGANISATION', 'PLACE', 'EVENT'].map((type) => h('option', { value: type }, words(type))),
  );
  const list = h('ul', {
    id: `${id}-list`,
    role: 'listbox',
    'aria-label': `${label}: results`,
    hidden: true,
  });
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  // What a sighted reader sees when there is nothing to list: no match, or the API's error in words.
  const note = h('p', { class: 'search-note', hidden: true });
  const say = (message: string) => {
    status.textContent = message;
    note.textContent = message;
    note.hidden = false;
  };
  let hits: Hit[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (hit: Hit) => {
    close();
    input.value = '';
    onPick(hit);
  };
  const highlight = (index: number) => {
    active = index;
    [...list.children].forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === index));
    });
    const option = list.children[index];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };
  const show = (found: Hit[]) => {
    hits = found;
    list.replaceChildren(
      ...found.map((hit, i) =>
        h(
          'li',
          {
            id: `${id}-option-${i}`,
            role: 'option',
            'aria-selected': 'false',
            onmousedown: (e) => e.preventDefault(),
            onclick: () => pick(hit),
          },
          h('span', { class: 'name' }, hit.name),
          h('span', { class: `kind kind-${hit.__typename}` }, hit.__typename),
        ),
      ),
    );
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', String(found.length > 0));
    if (found.length) {
      status.textContent = `${found.length} results`;
      note.hidden = true;
    } else say(`Nothing found for “${input.value.trim()}”.`);
    active = -1;
  };
  const ask = async () => {
    const text = input.value.trim();
    const ticket = ++asked;
    if (!text) {
      hits = [];
      note.hidden = true;
      return close();
    }
    try {
      const data: Data = await gql(SEARCH, { text, types: kind.value ? [kind.value] : null });
      // An answer to an older keystroke arriving late is dropped.
      if (ticket === asked) show(data.search.edges.map((edge: Data) => edge.node.entity));
    } catch (error) {
      if (ticket === asked) {
        close();
        say(`Search failed: ${(error as Error).message}`);
      }
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  };

  input.addEventListener('input', later);
  kind.addEventListener('change', later);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      if (list.hidden) show(hits);
      highlight((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      highlight((active - 1 + hits.length) % hits.length);
    } else if (event.key === 'Enter') {
      const hit = hits[active] ?? hits[0];
      event.preventDefault();
      if (hit && !list.hidden) pick(hit);
    } else if (event.key === 'Escape') close();
  });

  return h(
    'div',
    { class: 'search' },
    h('label', { for: id }, label),
    h('div', { class: 'search-row' }, input, kind),
    list,
    note,
    status,
  );
}
