// The operator's screen: each service's read models (and the public registry), a rebuild started with one button,
// and its progress followed by polling the rebuild's resource until it is DONE or FAILED; then each service's consumer
// bindings: their dead letters, counted and replayed, and whether each takes records, paused and resumed.
import { onLanguage, t, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { el, byId, enclosing } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * A service whose read models can be rebuilt (the registry has one, and no list of them), and a rebuild's progress
 * as the services answer it, as the registry answers it, and as the page shows both.
 *
 * @typedef {{ key: string, readModels?: string }} Service
 * @typedef {{ id: string, readModel: string, status: string, processed: number, head: number,
 *   error: string | null }} Rebuild
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
  if (service.readModels) {
    await followRunning(service);
  }
}

/**
 * Follows the service's rebuilds that run now, whoever started them (another operator, another tab), unless this
 * tab follows them already.
 *
 * @param {Service} service
 */
async function followRunning(service) {
  /** @type {Answer<Rebuild[]>} */
  const answer = await callApi(`${service.readModels}/rebuilds`);
  if (!answer.ok) {
    return;
  }
  const mine = followed();
  answer.body.forEach((running) => {
    const row = rows.get(`${service.key}/${running.readModel}`);
    if (row && !mine[row.key]) {
      const url = progressUrl(service, running.id);
      follow(row.key, url);
      row.progress = progressOf(running);
      renderRow(row);
      setTimeout(() => poll(row, url), POLL_EVERY);
    }
  });
}

/**
 * A service's dead letters: where it lists them, a consumer binding as it counts them (service-kit's
 * DeadLetterResource.Binding), a replay's answer (DeadLetters.Replayed), a consumer's state (ConsumerStates.Consumer),
 * and a binding's row on the page.
 *
 * @typedef {{ key: string, path: string }} DeadLetterService
 * @typedef {'RUNNING' | 'PAUSED'} ConsumerState
 * @typedef {{ binding: string, topic: string, deadLetterTopic: string, waiting: number, state: ConsumerState }}
 *   Waiting
 * @typedef {{ replayed: number, topic: string }} Replayed
 * @typedef {{ binding: string, state: ConsumerState }} Consumer
 * @typedef {{ heading: HTMLElement, technical: HTMLElement, topicTerm: HTMLElement, topic: HTMLElement,
 *   deadLetterTopicTerm: HTMLElement, deadLetterTopic: HTMLElement, waitingTerm: HTMLElement, waiting: HTMLElement,
 *   stateTerm: HTMLElement, state: HTMLElement, button: HTMLButtonElement, stateButton: HTMLButtonElement }}
 *   BindingElements
 * @typedef {{ key: string, service: DeadLetterService, waiting: Waiting, busy: boolean,
 *   elements: BindingElements }} BindingRow
 */

// Where each service lists its consumer bindings' dead letters (service-kit's DeadLetterResource).
/** @type {DeadLetterService[]} */
const DEAD_LETTERS = [
  { key: 'applications', path: '/api/applications/dead-letters' },
  { key: 'endorsements', path: '/api/endorsements/dead-letters' },
  { key: 'payments', path: '/api/payments/dead-letters' },
  { key: 'registry', path: '/api/registry/admin/dead-letters' },
  { key: 'associations', path: '/api/associations/dead-letters' },
];

// How long a pause may take to be seen (it waits for the consumer's poll under way), and how often it is asked.
const PAUSE_WAIT = 10000;
const PAUSE_ASK_EVERY = 250;

const deadLetterServices = byId('dead-letter-services');
const deadLetterStatus = byId('dead-letters-status');
const refreshDeadLetters = byId('dead-letters-refresh', HTMLButtonElement);
/** @type {Map<string, BindingRow>} "<service>/<binding>" to its row */
const bindings = new Map();
/** @type {Map<string, HTMLElement>} per service: its list of bindings, or why it has none to show */
const deadLetterLists = new Map();

/** @param {string} name a consumer binding, as {@code applicationEvents-in-0} */
function bindingLabel(name) {
  const key = `operations.binding.${name.replace(/-in-\d+$/, '')}`;
  const text = t(key);
  return text === key ? name : text;
}

/** @param {BindingRow} row */
function renderBinding(row) {
  const { elements, waiting } = row;
  elements.heading.textContent = bindingLabel(waiting.binding);
  elements.technical.textContent = waiting.binding;
  elements.topicTerm.textContent = t('operations.deadLetters.topic');
  elements.topic.textContent = waiting.topic;
  elements.deadLetterTopicTerm.textContent = t('operations.deadLetters.deadLetterTopic');
  elements.deadLetterTopic.textContent = waiting.deadLetterTopic;
  elements.waitingTerm.textContent = t('operations.deadLetters.waiting');
  elements.waiting.textContent = count(waiting.waiting);
  elements.button.textContent = t('operations.deadLetters.replay');
  elements.button.setAttribute('aria-label', t('operations.deadLetters.replayNamed',
    { name: bindingLabel(waiting.binding) }));
  elements.button.disabled = row.busy || waiting.waiting === 0;
  elements.stateTerm.textContent = t('operations.consumer.state');
  elements.state.textContent = t(`operations.consumer.${waiting.state}`);
  const paused = waiting.state === 'PAUSED';
  elements.stateButton.textContent = t(paused ? 'operations.consumer.resume' : 'operations.consumer.pause');
  elements.stateButton.setAttribute('aria-label', t(paused ? 'operations.consumer.resumeNamed'
    : 'operations.consumer.pauseNamed', { name: bindingLabel(waiting.binding) }));
  elements.stateButton.disabled = row.busy;
}

/**
 * @param {DeadLetterService} service
 * @param {Waiting} waiting
 */
function bindingRow(service, waiting) {
  const key = `${service.key}/${waiting.binding}`;
  const id = `dead-letters-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  /** @param {string} suffix */
  const code = (suffix) => el('code', { className: 'tag', attrs: { id: `${id}-${suffix}` } });
  /** @type {BindingElements} */
  const elements = {
    heading: el('h4', { attrs: { id: `${id}-heading` } }),
    technical: code('binding'),
    topicTerm: el('dt'),
    topic: code('topic'),
    deadLetterTopicTerm: el('dt'),
    deadLetterTopic: code('dead-letter-topic'),
    waitingTerm: el('dt'),
    waiting: el('dd', { attrs: { id: `${id}-waiting` } }),
    stateTerm: el('dt'),
    state: el('dd', { attrs: { id: `${id}-state` } }),
    button: el('button', { className: 'primary', attrs: { type: 'button', id: `${id}-button` } }),
    stateButton: el('button', { attrs: { type: 'button', id: `${id}-state-button` } }),
  };
  const item = el('li', { className: 'binding', attrs: { id } }, elements.heading,
    el('p', {}, elements.technical),
    el('dl', { className: 'facts' }, elements.topicTerm, el('dd', {}, elements.topic),
      elements.deadLetterTopicTerm, el('dd', {}, elements.deadLetterTopic), elements.waitingTerm, elements.waiting,
      elements.stateTerm, elements.state),
    el('div', { className: 'actions' }, elements.button, elements.stateButton));
  /** @type {BindingRow} */
  const row = { key, service, waiting, busy: false, elements };
  elements.button.addEventListener('click', () => replay(row));
  elements.stateButton.addEventListener('click', () => changeState(row));
  bindings.set(key, row);
  renderBinding(row);
  return item;
}

/** The service's bindings as it counts them now; a row already shown is updated in place, keeping its focus. */
/** @param {DeadLetterService} service */
async function countDeadLetters(service) {
  /** @type {Answer<Waiting[]>} */
  const answer = await callApi(service.path);
  const list = deadLetterLists.get(service.key);
  if (!list) {
    throw new Error(`No dead-letter list for ${service.key}`);
  }
  if (!answer.ok) {
    list.replaceChildren(el('p', { className: 'notice warning',
      text: (answer.body && answer.body.detail) || t('operations.unavailable') }));
    return false;
  }
  if (answer.body.length === 0) {
    list.replaceChildren(el('p', { text: t('operations.deadLetters.noBindings'),
      dataset: { i18n: 'operations.deadLetters.noBindings' } }));
    return true;
  }
  const shown = answer.body.map((waiting) => {
    const row = bindings.get(`${service.key}/${waiting.binding}`);
    if (row && list.contains(row.elements.button)) {
      row.waiting = waiting;
      renderBinding(row);
      return enclosing(row.elements.button, 'li', HTMLLIElement);
    }
    return bindingRow(service, waiting);
  });
  list.replaceChildren(el('ul', { className: 'bindings' }, ...shown));
  return true;
}

async function countAllDeadLetters() {
  refreshDeadLetters.disabled = true;
  deadLetterStatus.textContent = t('operations.deadLetters.counting');
  const answered = await Promise.all(DEAD_LETTERS.map(countDeadLetters));
  const total = [...bindings.values()].reduce((sum, row) => sum + row.waiting.waiting, 0);
  deadLetterStatus.textContent = answered.every(Boolean)
    ? t('operations.deadLetters.counted', { count: count(total) }) : t('operations.deadLetters.someUnavailable');
  refreshDeadLetters.disabled = false;
}

/** @param {BindingRow} row */
async function replay(row) {
  row.busy = true;
  renderBinding(row);
  const name = bindingLabel(row.waiting.binding);
  deadLetterStatus.textContent = t('operations.deadLetters.replaying', { name });
  /** @type {Answer<Replayed>} */
  const answer = await callApi(`${row.service.path}/${encodeURIComponent(row.waiting.binding)}/replays`,
    { method: 'POST' });
  row.busy = false;
  if (!answer.ok) {
    renderBinding(row);
    deadLetterStatus.textContent = t('operations.deadLetters.replayFailed',
      { name, reason: (answer.body && answer.body.detail) || t('error.unexpected') });
    row.elements.button.focus();
    return;
  }
  await countDeadLetters(row.service);
  deadLetterStatus.textContent = t('operations.deadLetters.replayed', { name, count: count(answer.body.replayed),
    topic: answer.body.topic, waiting: count(row.waiting.waiting) });
  // The button is disabled now that nothing waits: keep the keyboard in the section.
  if (row.elements.button.disabled) {
    refreshDeadLetters.focus();
  }
}

/** @param {number} ms */
function later(ms) {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

/**
 * Pauses a running consumer or resumes a paused one. A pause takes effect once the consumer's poll under way ends:
 * its state is asked again, within a bound, until it says so.
 *
 * @param {BindingRow} row
 */
async function changeState(row) {
  /** @type {ConsumerState} */
  const wanted = row.waiting.state === 'PAUSED' ? 'RUNNING' : 'PAUSED';
  const name = bindingLabel(row.waiting.binding);
  const path = `${row.service.path}/${encodeURIComponent(row.waiting.binding)}/state`;
  row.busy = true;
  renderBinding(row);
  deadLetterStatus.textContent = t(wanted === 'PAUSED' ? 'operations.consumer.pausing' : 'operations.consumer.resuming',
    { name });
  /** @type {Answer<Consumer>} */
  let answer = await callApi(path, { method: 'PUT', json: { state: wanted } });
  const until = Date.now() + PAUSE_WAIT;
  while (answer.ok && answer.body.state !== wanted && Date.now() < until) {
    await later(PAUSE_ASK_EVERY);
    answer = await callApi(path);
  }
  row.busy = false;
  if (!answer.ok) {
    renderBinding(row);
    deadLetterStatus.textContent = t('operations.consumer.failed',
      { name, reason: (answer.body && answer.body.detail) || t('error.unexpected') });
  } else {
    row.waiting = { ...row.waiting, state: answer.body.state };
    renderBinding(row);
    if (answer.body.state !== wanted) {
      deadLetterStatus.textContent = t('operations.consumer.notYet', { name, seconds: count(PAUSE_WAIT / 1000) });
    } else {
      deadLetterStatus.textContent = t(wanted === 'PAUSED' ? 'operations.consumer.paused'
        : 'operations.consumer.resumed', { name, topic: row.waiting.topic });
    }
  }
  row.elements.stateButton.focus();
}

/** @param {DeadLetterService} service */
function deadLetterCard(service) {
  const headingId = `dead-letters-${service.key}-heading`;
  const heading = el('h3', { text: t(`operations.service.${service.key}`), attrs: { id: headingId } });
  heading.dataset.i18n = `operations.service.${service.key}`;
  const list = el('div', { attrs: { id: `dead-letters-${service.key}` } });
  deadLetterLists.set(service.key, list);
  return el('section', { attrs: { 'aria-labelledby': headingId } }, heading, list);
}

refreshDeadLetters.addEventListener('click', countAllDeadLetters);
deadLetterServices.append(...DEAD_LETTERS.map(deadLetterCard));
onLanguage(() => rows.forEach(renderRow));
onLanguage(() => bindings.forEach(renderBinding));
await startPage({ screens: ['operations'], roles: ['PLATFORM_ADMIN'] });
status.textContent = t('operations.loading');
// The rebuilds this tab followed before a reload; the cards follow those running that it did not.
const followedBefore = followed();
await Promise.all([Promise.all(SERVICES.map(serviceCard)), countAllDeadLetters()]);
status.textContent = '';
// Go on following the rebuilds started before a reload.
Object.entries(followedBefore).forEach(([key, url]) => {
  const row = rows.get(key);
  if (row) {
    poll(row, url);
  } else {
    follow(key, null);
  }
});
