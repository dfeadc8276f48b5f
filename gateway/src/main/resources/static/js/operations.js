// The operator's screen: each service's read models (and the public registry), a rebuild started with one button,
// and its progress followed by polling the rebuild's resource until it is DONE or FAILED.
import { onLanguage, t, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { el, byId } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * A service whose read models can be rebuilt (the registry has one, and no list of them), and a rebuild's progress
 * as the services answer it, as the registry answers it, and as the page shows both.
 *
 * @typedef {{ key: string, readModels?: string }} Service
 * @typedef {{ id: string, status: string, processed: number, head: number, error: string | null }} Rebuild
 * @typedef {{ id: string, state: string, eventsRead: number, eventsToRead: number, failure: string | null }}
 *   RegistryRebuild
 * @typedef {{ id: string, status: string, processed: number, head: number, error: string | null }} Progress
 * @typedef {{ item: HTMLLIElement, heading: HTMLHeadingElement, technical: HTMLElement, button: HTMLButtonElement,
 *   barLabel: HTMLLabelElement, bar: HTMLProgressElement, text: HTMLParagraphElement, line: HTMLDivElement,
 *   problem: HTMLParagraphElement }} RowElements
 * @typedef {{ key: string, service: Service, name: string, progress: Progress | null, problem: string | null,
 *   elements: RowElements }} Row
 */

// How often a running rebuild is asked for its progress: often enough to watch, rarely enough not to load anyone.
const POLL_EVERY = 1000;
// Rebuilds being followed, kept for the tab, so that a reload goes on following them.
const FOLLOWED = 'iecmh.rebuilds';

/** @type {Service[]} */
const SERVICES = [
  { key: 'applications', readModels: '/api/applications/read-models' },
  { key: 'endorsements', readModels: '/api/endorsements/read-models' },
  { key: 'payments', readModels: '/api/payments/read-models' },
  { key: 'registry' },
];

const container = byId('services');
const status = byId('operations-status');
/** @type {Map<string, Row>} */
const rows = new Map(); // "<service>/<read model>" -> { service, name, elements, progress }

/** @param {number} n */
function count(n) {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}

/** @returns {Record<string, string>} */
function followed() {
  try {
    return JSON.parse(sessionStorage.getItem(FOLLOWED) || '{}');
  } catch (unreadable) {
    return {};
  }
}

/**
 * @param {string} key
 * @param {string | null} url
 */
function follow(key, url) {
  const all = followed();
  if (url) {
    all[key] = url;
  } else {
    delete all[key];
  }
  sessionStorage.setItem(FOLLOWED, JSON.stringify(all));
}

/**
 * The two kinds of rebuild resource (the services' and the registry's) in one shape.
 *
 * @param {Rebuild | RegistryRebuild} body
 * @returns {Progress}
 */
function progressOf(body) {
  if ('eventsRead' in body) {
    return { id: body.id, status: body.state, processed: body.eventsRead, head: body.eventsToRead,
      error: body.failure };
  }
  return { id: body.id, status: body.status, processed: body.processed, head: body.head, error: body.error };
}

/**
 * @param {Service} service
 * @param {string} id
 */
function progressUrl(service, id) {
  return service.key === 'registry' ? `/api/registry/admin/rebuilds/${encodeURIComponent(id)}`
    : `${service.readModels}/rebuilds/${encodeURIComponent(id)}`;
}

/** @param {string} name */
function readModelLabel(name) {
  const key = `operations.readModel.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

/** @param {Row} row */
function renderRow(row) {
  const { elements, progress, name, problem } = row;
  elements.heading.textContent = readModelLabel(name);
  elements.technical.textContent = name;
  elements.button.textContent = t('operations.rebuild');
  elements.button.setAttribute('aria-label', t('operations.rebuildNamed', { name: readModelLabel(name) }));
  elements.button.disabled = Boolean(progress && progress.status === 'RUNNING');
  elements.problem.textContent = problem || '';
  elements.problem.hidden = !problem;
  if (!progress) {
    elements.line.hidden = true;
    return;
  }
  elements.line.hidden = false;
  elements.bar.max = Math.max(progress.head, 1);
  elements.bar.value = progress.head === 0 && progress.status === 'DONE' ? 1 : Math.min(progress.processed,
    Math.max(progress.head, 1));
  const counted = { processed: count(progress.processed), head: count(progress.head) };
  if (progress.status === 'DONE') {
    elements.text.textContent = t('operations.done', counted);
    elements.text.className = 'outcome good';
  } else if (progress.status === 'FAILED') {
    elements.text.textContent = t('operations.failed', { ...counted, reason: progress.error || t('error.unexpected') });
    elements.text.className = 'outcome warning';
  } else {
    elements.text.textContent = t('operations.running', counted);
    elements.text.className = 'outcome';
  }
  elements.barLabel.textContent = t('operations.progressOf', { name: readModelLabel(name) });
}

/**
 * @param {Row} row
 * @param {string} url
 */
async function poll(row, url) {
  /** @type {Answer<Rebuild | RegistryRebuild>} */
  const answer = await callApi(url);
  if (!answer.ok) {
    row.problem = answer.status === 404 ? t('operations.lost') : (answer.body && answer.body.detail)
      || t('error.unexpected');
    row.progress = null;
    follow(row.key, null);
    renderRow(row);
    return;
  }
  const before = row.progress && row.progress.status;
  const progress = progressOf(answer.body);
  row.progress = progress;
  renderRow(row);
  if (progress.status === 'RUNNING') {
    setTimeout(() => poll(row, url), POLL_EVERY);
    return;
  }
  follow(row.key, null);
  if (before !== progress.status) {
    status.textContent = t(progress.status === 'DONE' ? 'operations.announceDone' : 'operations.announceFailed',
      { name: readModelLabel(row.name), processed: count(progress.processed), head: count(progress.head),
        reason: progress.error || '' });
  }
}

/** @param {Row} row */
async function rebuild(row) {
  row.problem = null;
  row.elements.button.disabled = true;
  const path = row.service.key === 'registry' ? '/api/registry/admin/rebuilds'
    : `${row.service.readModels}/${encodeURIComponent(row.name)}/rebuilds`;
  /** @type {Answer<Rebuild | RegistryRebuild>} */
  const answer = await callApi(path, { method: 'POST' });
  if (!answer.ok) {
    const rule = answer.body && answer.body.rule;
    row.problem = answer.status === 409 && (rule === 'rebuild-in-progress' || rule === 'rebuild-already-running')
      ? t('operations.inProgress', { name: readModelLabel(row.name) })
      : (answer.body && answer.body.detail) || t('error.unexpected');
    renderRow(row);
    status.textContent = row.problem;
    row.elements.button.focus();
    return;
  }
  const progress = progressOf(answer.body);
  row.progress = progress;
  const url = progressUrl(row.service, progress.id);
  follow(row.key, url);
  renderRow(row);
  status.textContent = t('operations.announceStarted', { name: readModelLabel(row.name) });
  setTimeout(() => poll(row, url), POLL_EVERY);
}

/**
 * @param {Service} service
 * @param {string} name
 */
function rowFor(service, name) {
  const key = `${service.key}/${name}`;
  const id = `rebuild-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  const heading = el('h3', { attrs: { id: `${id}-heading` } });
  const technical = el('code', { className: 'tag' });
  const button = el('button', { className: 'primary', attrs: { type: 'button', id: `${id}-button` } });
  const barLabel = el('label', { attrs: { for: `${id}-progress` } });
  const bar = el('progress', { attrs: { id: `${id}-progress`, max: '1', value: '0' } });
  const text = el('p', { className: 'outcome', attrs: { id: `${id}-text` } });
  const line = el('div', { className: 'progress-line' }, barLabel, bar, text);
  const problem = el('p', { className: 'notice warning', attrs: { id: `${id}-problem` } });
  const item = el('li', { className: 'read-model', attrs: { id } }, heading,
    el('p', {}, technical), el('div', { className: 'actions' }, button), line, problem);
  /** @type {Row} */
  const row = { key, service, name, progress: null, problem: null,
    elements: { item, heading, technical, button, barLabel, bar, text, line, problem } };
  button.addEventListener('click', () => rebuild(row));
  rows.set(key, row);
  renderRow(row);
  return item;
}

/** @param {Service} service */
async function serviceCard(service) {
  const heading = el('h2', { text: t(`operations.service.${service.key}`),
    attrs: { id: `service-${service.key}-heading` } });
  heading.dataset.i18n = `operations.service.${service.key}`;
  const card = el('section', { className: 'card', attrs: { id: `service-${service.key}`,
    'aria-labelledby': `service-${service.key}-heading` } }, heading);
  container.append(card);
  /** @type {string[]} */
  let names = ['registry'];
  if (service.readModels) {
    /** @type {Answer<string[]>} */
    const answer = await callApi(service.readModels);
    if (!answer.ok) {
      card.append(el('p', { className: 'notice warning',
        text: (answer.body && answer.body.detail) || t('operations.unavailable') }));
      return;
    }
    names = answer.body;
  }
  card.append(el('ul', { className: 'read-models' }, ...names.map((name) => rowFor(service, name))));
}

onLanguage(() => rows.forEach(renderRow));
await startPage({ screens: ['operations'], roles: ['PLATFORM_ADMIN'] });
status.textContent = t('operations.loading');
await Promise.all(SERVICES.map(serviceCard));
status.textContent = '';
// Go on following the rebuilds started before a reload.
Object.entries(followed()).forEach(([key, url]) => {
  const row = rows.get(key);
  if (row) {
    poll(row, url);
  } else {
    follow(key, null);
  }
});
