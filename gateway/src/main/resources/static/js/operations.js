// The operator's screen: each service's read models (and the public registry), a rebuild started with one button,
// and its progress followed by polling the rebuild's resource until it is DONE or FAILED; then each service's dead
// letters, counted per consumer binding, and their replay.
import { onLanguage, t, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { byId, el } from './dom.js';

// How often a running rebuild is asked for its progress: often enough to watch, rarely enough not to load anyone.
const POLL_EVERY = 1000;
// Rebuilds being followed, kept for the tab, so that a reload goes on following them.
const FOLLOWED = 'iecmh.rebuilds';

const SERVICES = [
  { key: 'applications', readModels: '/api/applications/read-models' },
  { key: 'endorsements', readModels: '/api/endorsements/read-models' },
  { key: 'payments', readModels: '/api/payments/read-models' },
  { key: 'registry' },
];

const container = document.getElementById('services');
const status = document.getElementById('operations-status');
const rows = new Map(); // "<service>/<read model>" -> { service, name, elements, progress }

function count(n) {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}

function followed() {
  try {
    return JSON.parse(sessionStorage.getItem(FOLLOWED) || '{}');
  } catch (unreadable) {
    return {};
  }
}

function follow(key, url) {
  const all = followed();
  if (url) {
    all[key] = url;
  } else {
    delete all[key];
  }
  sessionStorage.setItem(FOLLOWED, JSON.stringify(all));
}

/** The two kinds of rebuild resource (the services' and the registry's) in one shape. */
function progressOf(service, body) {
  if (service.key === 'registry') {
    return { id: body.id, status: body.state, processed: body.eventsRead, head: body.eventsToRead,
      error: body.failure };
  }
  return { id: body.id, status: body.status, processed: body.processed, head: body.head, error: body.error };
}

function progressUrl(service, id) {
  return service.key === 'registry' ? `/api/registry/admin/rebuilds/${encodeURIComponent(id)}`
    : `${service.readModels}/rebuilds/${encodeURIComponent(id)}`;
}

function readModelLabel(name) {
  const key = `operations.readModel.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

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

async function poll(row, url) {
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
  row.progress = progressOf(row.service, answer.body);
  renderRow(row);
  if (row.progress.status === 'RUNNING') {
    setTimeout(() => poll(row, url), POLL_EVERY);
    return;
  }
  follow(row.key, null);
  if (before !== row.progress.status) {
    status.textContent = t(row.progress.status === 'DONE' ? 'operations.announceDone' : 'operations.announceFailed',
      { name: readModelLabel(row.name), processed: count(row.progress.processed), head: count(row.progress.head),
        reason: row.progress.error || '' });
  }
}

async function rebuild(row) {
  row.problem = null;
  row.elements.button.disabled = true;
  const path = row.service.key === 'registry' ? '/api/registry/admin/rebuilds'
    : `${row.service.readModels}/${encodeURIComponent(row.name)}/rebuilds`;
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
  row.progress = progressOf(row.service, answer.body);
  const url = progressUrl(row.service, row.progress.id);
  follow(row.key, url);
  renderRow(row);
  status.textContent = t('operations.announceStarted', { name: readModelLabel(row.name) });
  setTimeout(() => poll(row, url), POLL_EVERY);
}

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
  const row = { key, service, name, progress: null, problem: null,
    elements: { item, heading, technical, button, barLabel, bar, text, line, problem } };
  button.addEventListener('click', () => rebuild(row));
  rows.set(key, row);
  renderRow(row);
  return item;
}

async function serviceCard(service) {
  const heading = el('h2', { text: t(`operations.service.${service.key}`),
    attrs: { id: `service-${service.key}-heading` } });
  heading.dataset.i18n = `operations.service.${service.key}`;
  const card = el('section', { className: 'card', attrs: { id: `service-${service.key}`,
    'aria-labelledby': `service-${service.key}-heading` } }, heading);
  container.append(card);
  let names = ['registry'];
  if (service.readModels) {
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

// Where each service lists its consumer bindings' dead letters (service-kit's DeadLetterResource).
const DEAD_LETTERS = [
  { key: 'applications', path: '/api/applications/dead-letters' },
  { key: 'endorsements', path: '/api/endorsements/dead-letters' },
  { key: 'payments', path: '/api/payments/dead-letters' },
  { key: 'registry', path: '/api/registry/admin/dead-letters' },
  { key: 'associations', path: '/api/associations/dead-letters' },
];

const deadLetterServices = byId('dead-letter-services');
const deadLetterStatus = byId('dead-letters-status');
const refreshDeadLetters = byId('dead-letters-refresh', HTMLButtonElement);
// "<service>/<binding>" -> { service, waiting: {binding, topic, deadLetterTopic, waiting}, busy, elements }
const bindings = new Map();
// Per service: its list of bindings, or why it has none to show.
const deadLetterLists = new Map();

function bindingLabel(name) {
  const key = `operations.binding.${name.replace(/-in-\d+$/, '')}`;
  const text = t(key);
  return text === key ? name : text;
}

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
}

function bindingRow(service, waiting) {
  const key = `${service.key}/${waiting.binding}`;
  const id = `dead-letters-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  const code = (suffix) => el('code', { className: 'tag', attrs: { id: `${id}-${suffix}` } });
  const elements = {
    heading: el('h4', { attrs: { id: `${id}-heading` } }),
    technical: code('binding'),
    topicTerm: el('dt'),
    topic: code('topic'),
    deadLetterTopicTerm: el('dt'),
    deadLetterTopic: code('dead-letter-topic'),
    waitingTerm: el('dt'),
    waiting: el('dd', { attrs: { id: `${id}-waiting` } }),
    button: el('button', { className: 'primary', attrs: { type: 'button', id: `${id}-button` } }),
  };
  const item = el('li', { className: 'binding', attrs: { id } }, elements.heading,
    el('p', {}, elements.technical),
    el('dl', { className: 'facts' }, elements.topicTerm, el('dd', {}, elements.topic),
      elements.deadLetterTopicTerm, el('dd', {}, elements.deadLetterTopic), elements.waitingTerm, elements.waiting),
    el('div', { className: 'actions' }, elements.button));
  const row = { key, service, waiting, busy: false, elements };
  elements.button.addEventListener('click', () => replay(row));
  bindings.set(key, row);
  renderBinding(row);
  return item;
}

/** The service's bindings as it counts them now; a row already shown is updated in place, keeping its focus. */
async function countDeadLetters(service) {
  const answer = await callApi(service.path);
  const list = deadLetterLists.get(service.key);
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
      return row.elements.button.closest('li');
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

async function replay(row) {
  row.busy = true;
  renderBinding(row);
  const name = bindingLabel(row.waiting.binding);
  deadLetterStatus.textContent = t('operations.deadLetters.replaying', { name });
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
await Promise.all([Promise.all(SERVICES.map(serviceCard)), countAllDeadLetters()]);
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
