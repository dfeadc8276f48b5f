// The public registry search: name, state and category, a page at a time. The query is kept in the address, so
// that a search can be shared, reloaded and gone back to.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { getJson, nextLink, showProblem, clearProblems } from './api.js';
import { byId, field } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

const PAGE_SIZE = 10;
const form = byId('search', HTMLFormElement);
const section = byId('results-section');
const heading = byId('results-heading');
const status = byId('results-status');
const list = byId('results');
const previous = byId('previous');
const next = byId('next');

/**
 * A search as the form and the address hold it, and an endorsee the registry finds.
 *
 * @typedef {{ name: string, state: string, category: string }} Query
 * @typedef {{ name: string, category: string, addOns: string[] | null, state: string, endorsementNumber: string,
 *   validThrough: string }} Endorsee
 */

/** @type {{ query: Query, page: number, entries: Endorsee[], hasMore: boolean } | null} */
let shown = null;

/** @returns {Query} */
function queryOfForm() {
  return {
    name: field(form, 'name').value.trim(),
    state: field(form, 'state').value,
    category: field(form, 'category').value,
  };
}

/** @param {Query} query */
function fillForm(query) {
  field(form, 'name').value = query.name;
  field(form, 'state').value = query.state;
  field(form, 'category').value = query.category;
}

/**
 * @param {Query} query
 * @param {number} page
 */
function address(query, page) {
  const params = new URLSearchParams({ name: query.name });
  if (query.state) params.set('state', query.state);
  if (query.category) params.set('category', query.category);
  params.set('page', String(page));
  return params;
}

/** @param {Endorsee} entry */
function entryItem(entry) {
  const item = document.createElement('li');
  item.className = 'entry';
  const name = document.createElement('h3');
  name.textContent = entry.name;
  const category = document.createElement('p');
  const addOns = (entry.addOns || []).map((a) => ` · ${t(`addOn.${a}`)}`).join('');
  category.textContent = `${t(`category.${entry.category}`)}${addOns} · ${entry.state}`;
  const number = document.createElement('p');
  const link = document.createElement('a');
  link.href = `/verify.html?number=${encodeURIComponent(entry.endorsementNumber)}`;
  link.textContent = entry.endorsementNumber;
  link.setAttribute('aria-label', t('search.verifyLink', { number: entry.endorsementNumber, name: entry.name }));
  number.append(`${t('search.number')} `, link);
  const valid = document.createElement('p');
  valid.textContent = t('search.validThrough', { date: formatDate(entry.validThrough) });
  item.append(name, category, number, valid);
  return item;
}

function render() {
  if (!shown) {
    return;
  }
  section.hidden = false;
  list.replaceChildren(...shown.entries.map(entryItem));
  if (shown.entries.length === 0) {
    status.textContent = shown.page === 0 ? t('search.none', { name: shown.query.name }) : t('search.noMore');
  } else {
    const first = shown.page * PAGE_SIZE + 1;
    status.textContent = t('search.showing', { first, last: first + shown.entries.length - 1 });
  }
  previous.hidden = shown.page === 0;
  next.hidden = !shown.hasMore;
}

/**
 * @param {Query} query
 * @param {number} page
 * @param {boolean} focusResults
 */
async function search(query, page, focusResults) {
  clearProblems(form);
  const params = address(query, page);
  params.set('size', String(PAGE_SIZE));
  /** @type {Answer<Endorsee[]>} */
  const answer = await getJson(`/api/registry/endorsees?${params}`);
  if (!answer.ok) {
    section.hidden = true;
    shown = null;
    showProblem(form, answer.body);
    return;
  }
  shown = { query, page, entries: answer.body, hasMore: nextLink(answer.headers) !== null };
  history.replaceState(null, '', `?${address(query, page)}`);
  render();
  if (focusResults) {
    heading.focus();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  search(queryOfForm(), 0, true);
});
previous.addEventListener('click', () => {
  if (shown) search(shown.query, shown.page - 1, true);
});
next.addEventListener('click', () => {
  if (shown) search(shown.query, shown.page + 1, true);
});
onLanguage(render);

await startPage();
const asked = new URLSearchParams(location.search);
if (asked.has('name')) {
  const query = { name: asked.get('name') || '', state: asked.get('state') || '', category: asked.get('category') || '' };
  fillForm(query);
  search(query, Math.max(0, Number.parseInt(asked.get('page') || '0', 10) || 0), false);
}
