import { useToken } from './api.js';
import { entityHref, errorMessage, h } from './dom.js';
import { entityPage } from './entity.js';
import { graphPage } from './graph.js';
import { searchBox } from './search.js';
import { sourcePage } from './source.js';

/**
 * The explorer: a browser program that only speaks GraphQL to its own origin. Pages are addressed by
 * the URL's hash (#/entity/<key>, #/graph/<key>, #/source?id=…&statement=…), so the server serves `/` only.
 */
const main = document.getElementById('main') as HTMLElement;
let leave = () => {};

async function route() {
  leave();
  leave = () => {};
  const hash = decodeURI(location.hash.slice(1)) || '/';
  main.setAttribute('aria-busy', 'true');
  main.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    if (hash.startsWith('/entity/')) leave = await entityPage(main, hash.slice('/entity/'.length));
    else if (hash.startsWith('/graph/')) leave = await graphPage(main, hash.slice('/graph/'.length));
    else if (hash.startsWith('/source?')) {
      const params = new URLSearchParams(location.hash.slice('#/source?'.length));
      await sourcePage(main, params.get('id') ?? '', params.get('statement'));
    } else home();
  } catch (error) {
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'The API did not answer'), errorMessage(error));
  }
  main.removeAttribute('aria-busy');
  // Focus moves to the new page's title, as after a page load.
  main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: hash.startsWith('/source?') });
}

function home() {
  document.title = 'newsgraph explorer';
  main.replaceChildren(
    h('h1', { tabindex: '-1' }, 'What the news reports'),
    h(
      'p',
      {},
      'Search for a person, organisation, place or event above. Each page shows what was said, by whom and to whom, with the exact words of the source; the graph and the timeline show how it connects.',
    ),
    h(
      'p',
      {},
      'Try ',
      h('a', { href: entityHref('person/david-babayan') }, 'David Babayan'),
      ' if the article graph is loaded.',
    ),
  );
}

document.getElementById('search')?.replaceWith(
  searchBox('Search', (hit) => {
    location.hash = entityHref(hit.key);
  }),
);

const tokenInput = document.getElementById('token-input') as HTMLInputElement;
const tokenStatus = document.getElementById('token-status') as HTMLElement;
document.getElementById('token-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  useToken(tokenInput.value);
  tokenStatus.textContent = tokenInput.value.trim() ? 'Token in use until this page is closed.' : 'No token.';
  route();
});
document.getElementById('token-forget')?.addEventListener('click', () => {
  tokenInput.value = '';
  useToken('');
  tokenStatus.textContent = 'Token forgotten.';
  route();
});

window.addEventListener('hashchange', route);
route();
