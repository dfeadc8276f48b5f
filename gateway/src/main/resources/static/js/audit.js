// The auditor's screen: any history as a timeline (one aggregate's, or a person's across the three services), the
// record as it was at a point, the hash chain's verification, and exports (a person's signed zips, the association's
// events of a period streamed with progress).
import { onLanguage, t, has, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { dateTime, money } from './format.js';
import { el, byId, field } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

const KINDS = ['applications', 'endorsements', 'invoices'];
const PAGE_SIZE = 20;
// The API's largest page: a person's history is read whole from each service, then merged by time.
const WHOLE = 500;
// Event types per kind, for the filter: those each kind's records store, as the audit API names them
// (GET /api/audit/<kind>/event-types); the API takes any type.
/** @type {Record<string, string[]>} */
const TYPES = Object.fromEntries(KINDS.map((kind) => [kind, []]));

/**
 * An event of the audit API: what happened to which record, when, by whom (and as what), in which correlation; a
 * person's history also says which kind of record it is of.
 *
 * @typedef {{ eventId: string, type: string, time: string, aggregateId: string, sequenceNumber: number,
 *   subject?: string | null, role?: string | null, correlationId?: string | null, causationId?: string | null,
 *   payload: unknown, kind?: string }} AuditEvent
 * @typedef {{ type: string, from: string | null, to: string | null }} Filter
 * @typedef {{ status: number, body: import('./api.js').Problem | null }} Refusal
 * @typedef {{ events: AuditEvent[], total: number, personKinds: string[] }} AggregatePage
 * @typedef {{ all: AuditEvent[], total: number, personKinds: string[] }} PersonHistory
 * @typedef {{ kind: string, id: string, filter: Filter, page: number } & (AggregatePage | PersonHistory)} Shown
 * @typedef {{ kind: string, aggregateId: string, sequenceNumber: number, time: string,
 *   view: Record<string, unknown> | null }} PastState
 * @typedef {{ aggregateId: string, sequenceNumber: number, eventId: string | null, problem: string,
 *   expected: string | null, found: string | null }} BrokenLink
 * @typedef {{ aggregatesChecked: number, eventsChecked: number } & ({ intact: true, firstBrokenLink: null }
 *   | { intact: false, firstBrokenLink: BrokenLink })} ChainVerification
 */

/** A service's refusal of a history, thrown while a person's history is read page after page. */
class Refused extends Error {
  /** @param {Refusal} answer */
  constructor(answer) {
    super(`The audit API answered ${answer.status}`);
    this.answer = answer;
  }
}

const openForm = byId('open', HTMLFormElement);
const idInput = byId('record-id', HTMLInputElement);
const idLabel = byId('record-id-label');
const idHint = byId('record-id-hint');
const typeSelect = byId('history-type', HTMLSelectElement);
const historySection = byId('history');
const historyHeading = byId('history-heading');
const historyStatus = byId('history-status');
const timeline = byId('timeline');
const previous = byId('previous');
const next = byId('next');
const stateSection = byId('state-section');
const stateForm = byId('state-form', HTMLFormElement);
const stateStatus = byId('state-status');
const stateResult = byId('state-result');
const stateResultHeading = byId('state-result-heading');
const stateFacts = byId('state-facts');
const stateJson = byId('state-json');
const verifyForm = byId('verify-form', HTMLFormElement);
const verifyRecordActions = byId('verify-record-actions');
const verifyRecord = byId('verify-record');
const verifyStatus = byId('verify-status');
const verifyResult = byId('verify-result');
const personExport = byId('person-export');
const personExportHeading = byId('person-export-heading');
const personExportButton = byId('person-export-button', HTMLButtonElement);
const personExportStatus = byId('person-export-status');
const personExportFiles = byId('person-export-files');
const periodForm = byId('period-export', HTMLFormElement);
const exportCancel = byId('export-cancel');
const exportStart = byId('export-start', HTMLButtonElement);
const exportProgressLine = byId('export-progress-line');
const exportProgress = byId('export-progress', HTMLProgressElement);
const exportCount = byId('export-count');
const exportStatus = byId('export-status');
const exportFiles = byId('export-files');

// What is shown, kept so that a change of language redraws it: the history, the past state, the verification.
/** @type {Shown | null} */
let shown = null;
/** @type {PastState | null} */
let state = null;
/** @type {{ result: ChainVerification, scope: 'record' | 'tenant' } | null} */
let verification = null;
/** @type {AbortController | null} */
let exporting = null; // the AbortController of a running period export
/** @type {string[]} */
const blobUrls = [];

// ---- small helpers ----

/**
 * @param {string} term
 * @param {Node | string | number | null | undefined} value
 */
function fact(term, value) {
  const dd = el('dd');
  dd.append(value instanceof Node ? value : String(value === null || value === undefined ? '—' : value));
  return [el('dt', { text: term }), dd];
}

/**
 * An instant of the API as people of the language read it, in their own time zone.
 *
 * @param {string} iso
 */
function formatInstant(iso) {
  return dateTime(iso, currentLanguage(), { seconds: true });
}

/**
 * The value of a datetime-local control (the browser's local time) as an instant, or null when empty.
 *
 * @param {string} localValue
 */
function instantOf(localValue) {
  if (!localValue) return null;
  const date = new Date(localValue);
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString();
}

/**
 * A Date as the value of a datetime-local control, in local time.
 *
 * @param {Date} date
 */
function localValueOf(date) {
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * "PortfolioEntryRecorded" in words: the catalogue's, else the type's own words.
 *
 * @param {string} type
 */
function eventName(type) {
  if (has(`event.${type}`)) return t(`event.${type}`);
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** @param {string | null | undefined} role */
function roleName(role) {
  return role && has(`role.${role}`) ? t(`role.${role}`) : (role || '');
}

/** @param {AuditEvent} event */
function who(event) {
  if (!event.subject) return t('audit.event.platform');
  return event.role ? t('audit.event.whoWithRole', { subject: event.subject, role: roleName(event.role) })
    : event.subject;
}

/** @param {number} bytes */
function fileSize(bytes) {
  return new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: bytes < 1024 ? 'byte' : 'kilobyte',
    maximumFractionDigits: 1 }).format(bytes < 1024 ? bytes : bytes / 1024);
}

/** @param {number} n */
function count(n) {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}

/**
 * @param {Blob} blob
 * @param {string} fileName
 * @param {string} label
 */
function downloadLink(blob, fileName, label) {
  const url = URL.createObjectURL(blob);
  blobUrls.push(url);
  const link = el('a', { text: label, attrs: { href: url, download: fileName } });
  link.dataset.fileName = fileName;
  return el('li', {}, link, ` (${fileSize(blob.size)})`);
}

/**
 * An API problem as a sentence, for problems that concern no field.
 *
 * @param {import('./api.js').Problem | null} problem
 */
function problemText(problem) {
  return (problem && (problem.detail || problem.title)) || t('error.unexpected');
}

// ---- opening a history ----

function chosenKind() {
  return field(openForm, 'kind').value;
}

/** @param {string} kind */
function fillTypes(kind) {
  const chosen = typeSelect.value;
  const types = kind === 'people' ? KINDS.flatMap((k) => TYPES[k]) : TYPES[kind];
  const any = new Option(t('audit.filter.anyType'), '');
  const options = [...types].sort((a, b) => eventName(a).localeCompare(eventName(b), currentLanguage()))
    .map((type) => new Option(`${eventName(type)} (${type})`, type));
  typeSelect.replaceChildren(any, ...options);
  typeSelect.value = types.includes(chosen) ? chosen : '';
}

function showKind() {
  const kind = chosenKind();
  const label = `audit.id.${kind}`;
  const hint = `audit.idHint.${kind}`;
  idLabel.dataset.i18n = label;
  idHint.dataset.i18n = hint;
  idLabel.textContent = t(label);
  idHint.textContent = t(hint);
  fillTypes(kind);
}

/** @returns {Filter} */
function filterOfForm() {
  return {
    type: typeSelect.value,
    from: instantOf(field(openForm, 'from').value),
    to: instantOf(field(openForm, 'to').value),
  };
}

/**
 * @param {Filter} filter
 * @returns {import('./api.js').FieldError[]}
 */
function filterErrors(filter) {
  return /** @type {const} */ (['from', 'to']).filter((field) => filter[field] === 'invalid')
    .map((field) => ({ field, rule: 'type' }));
}

/**
 * @param {Filter} filter
 * @param {number} page
 * @param {number} size
 */
function query(filter, page, size) {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  if (filter.type) params.set('type', filter.type);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  return params;
}

/**
 * One page of an aggregate's history, straight from its service.
 *
 * @param {string} kind
 * @param {string} id
 * @param {Filter} filter
 * @param {number} page
 * @returns {Promise<AggregatePage | { problem: Refusal }>}
 */
async function aggregatePage(kind, id, filter, page) {
  /** @type {Answer<{ events: AuditEvent[], total: number }>} */
  const answer = await callApi(`/api/audit/${kind}/${encodeURIComponent(id)}/events?${query(filter, page, PAGE_SIZE)}`);
  if (!answer.ok) return { problem: answer };
  return { events: answer.body.events, total: answer.body.total, personKinds: [] };
}

/**
 * The whole of a kind's events that name the person, page after page; null when the service knows them not.
 *
 * @param {string} kind
 * @param {string} id
 * @param {Filter} filter
 * @returns {Promise<AuditEvent[] | null>}
 */
async function personEventsOf(kind, id, filter) {
  /** @type {AuditEvent[]} */
  const events = [];
  for (let page = 0; ; page += 1) {
    /** @type {Answer<{ events: AuditEvent[], total: number }>} */
    const answer = await callApi(`/api/audit/${kind}/people/${encodeURIComponent(id)}/events?`
      + `${query(filter, page, WHOLE)}`);
    if (answer.status === 404) return null;
    if (!answer.ok) throw new Refused(answer);
    events.push(...answer.body.events.map((event) => ({ ...event, kind })));
    if (events.length >= answer.body.total || answer.body.events.length === 0) return events;
  }
}

/**
 * A person's history: the three services' answers merged by time (each is in order already).
 *
 * @param {string} id
 * @param {Filter} filter
 * @returns {Promise<PersonHistory | { problem: Refusal }>}
 */
async function personHistory(id, filter) {
  try {
    const answers = await Promise.all(KINDS.map((kind) => personEventsOf(kind, id, filter)));
    const personKinds = KINDS.filter((kind, index) => answers[index] !== null);
    if (personKinds.length === 0) return { problem: { status: 404, body: null } };
    const events = answers.flatMap((answer) => answer || [])
      .sort((a, b) => a.time.localeCompare(b.time) || a.aggregateId.localeCompare(b.aggregateId)
        || a.sequenceNumber - b.sequenceNumber);
    return { all: events, total: events.length, personKinds };
  } catch (failure) {
    // A service that could not be reached at all is told like any refusal that names nothing.
    return { problem: failure instanceof Refused ? failure.answer : { status: 0, body: null } };
  }
}

/**
 * @param {string} kind
 * @param {string} id
 * @param {Filter} filter
 * @param {number} page
 * @param {boolean} focus
 */
async function openHistory(kind, id, filter, page, focus) {
  clearProblems(openForm);
  const invalid = filterErrors(filter);
  if (!id) invalid.unshift({ field: 'id', rule: 'NotBlank' });
  if (invalid.length) {
    showProblem(openForm, { errors: invalid });
    return;
  }
  historyStatus.textContent = t('audit.history.loading');
  historySection.hidden = false;
  const answer = kind === 'people' ? await personHistory(id, filter) : await aggregatePage(kind, id, filter, page);
  if ('problem' in answer) {
    historySection.hidden = true;
    const { status, body } = answer.problem;
    if (status === 404) {
      // The API answers an unknown id (or another association's) with a 404 that names no field: it is the id's.
      showProblem(openForm, { errors: [{ field: 'id', rule: `unknown.${kind}` }] });
    } else {
      showProblem(openForm, body || { detail: t('error.unexpected') });
    }
    return;
  }
  const changedRecord = !shown || shown.kind !== kind || shown.id !== id;
  shown = { kind, id, filter, page, ...answer };
  if (changedRecord) {
    forgetRecord();
  }
  const params = new URLSearchParams({ kind, id });
  if (page) params.set('page', String(page));
  history.replaceState(null, '', `?${params}`);
  renderHistory();
  renderRecordTools();
  if (focus) historyHeading.focus();
}

function forgetRecord() {
  state = null;
  stateResult.hidden = true;
  stateStatus.textContent = '';
  clearProblems(stateForm);
  personExportFiles.replaceChildren();
  personExportStatus.textContent = '';
  if (verification && verification.scope === 'record') {
    verification = null;
    verifyResult.replaceChildren();
    verifyStatus.textContent = '';
  }
}

/**
 * @param {AuditEvent} event
 * @param {string} kind the kind of history shown
 */
function eventItem(event, kind) {
  const item = el('li', { className: 'event' });
  item.dataset.sequence = String(event.sequenceNumber);
  item.append(el('h3', { text: eventName(event.type) }));
  const time = el('time', { text: formatInstant(event.time), attrs: { datetime: event.time } });
  item.append(el('p', { className: 'event-meta' }, time, ' ',
    el('code', { className: 'tag', text: event.type, attrs: { title: t('audit.event.technicalType') } })));
  const facts = el('dl', { className: 'facts' });
  facts.append(...fact(t('audit.event.who'), who(event)));
  if (kind === 'people') {
    facts.append(...fact(t('audit.event.record'),
      t('audit.event.recordOf', { kind: t(`audit.kindOne.${event.kind}`), id: event.aggregateId })));
  }
  facts.append(
    ...fact(t('audit.event.number'), event.sequenceNumber),
    ...fact(t('audit.event.correlation'), el('code', { text: event.correlationId || '—' })),
    ...fact(t('audit.event.causation'), el('code', { text: event.causationId || '—' })),
    ...fact(t('audit.event.id'), el('code', { text: event.eventId })));
  item.append(facts);
  const details = el('details', {},
    el('summary', { text: t('audit.event.payload', { type: eventName(event.type) }) }),
    el('pre', { className: 'json', text: JSON.stringify(event.payload, null, 2) }));
  item.append(details);
  if (kind !== 'people') {
    const button = el('button', { className: 'link', text: t('audit.event.stateAfter'),
      attrs: { type: 'button', 'aria-label': t('audit.event.stateAfterNumber', { n: event.sequenceNumber }) } });
    button.addEventListener('click', () => {
      field(stateForm, 'point').value = 'sequence';
      showPoint();
      field(stateForm, 'sequence').value = String(event.sequenceNumber);
      showState(true);
    });
    item.append(el('p', {}, button));
  }
  return item;
}

/** @param {Shown} history */
function pageEvents(history) {
  if ('events' in history) return history.events;
  return history.all.slice(history.page * PAGE_SIZE, (history.page + 1) * PAGE_SIZE);
}

function renderHistory() {
  if (!shown) return;
  const { kind } = shown;
  historySection.hidden = false;
  historyHeading.textContent = t(`audit.history.heading.${shown.kind}`, { id: shown.id });
  const events = pageEvents(shown);
  timeline.replaceChildren(...events.map((event) => eventItem(event, kind)));
  if (shown.total === 0) {
    historyStatus.textContent = t('audit.history.none');
  } else if (events.length === 0) {
    historyStatus.textContent = t('audit.history.noMore', { total: count(shown.total) });
  } else {
    const first = shown.page * PAGE_SIZE + 1;
    historyStatus.textContent = t('audit.history.showing', { first: count(first),
      last: count(first + events.length - 1), total: count(shown.total) });
  }
  previous.hidden = shown.page === 0;
  next.hidden = (shown.page + 1) * PAGE_SIZE >= shown.total;
}

/** The tools that work on the record shown: its state, its verification, the person's export. */
function renderRecordTools() {
  const aggregate = shown !== null && shown.kind !== 'people';
  stateSection.hidden = !aggregate;
  verifyRecordActions.hidden = !aggregate;
  if (shown && aggregate) {
    verifyRecord.textContent = t(`audit.verify.record.${shown.kind}`, { id: shown.id });
  }
  personExport.hidden = !(shown && shown.kind === 'people');
  if (shown && shown.kind === 'people') {
    personExportHeading.textContent = t('audit.export.personHeading', { id: shown.id });
  }
}

openForm.addEventListener('change', (event) => {
  if (/** @type {HTMLInputElement} */ (event.target).name === 'kind') showKind();
});
openForm.addEventListener('submit', (event) => {
  event.preventDefault();
  openHistory(chosenKind(), idInput.value.trim(), filterOfForm(), 0, true);
});
previous.addEventListener('click', () => {
  if (shown) openHistory(shown.kind, shown.id, shown.filter, shown.page - 1, true);
});
next.addEventListener('click', () => {
  if (shown) openHistory(shown.kind, shown.id, shown.filter, shown.page + 1, true);
});

// ---- the record at a point in time ----

function showPoint() {
  const bySequence = field(stateForm, 'point').value === 'sequence';
  byId('sequence-field').hidden = !bySequence;
  byId('at-field').hidden = bySequence;
}

/** @param {string} key */
function labelOf(key) {
  if (has(`audit.field.${key}`)) return t(`audit.field.${key}`);
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A value of a view in words: dates and instants formatted, money in its currency, lists and objects nested.
 *
 * @param {unknown} value
 * @returns {Node | string}
 */
function readable(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return t('audit.state.none');
    return el('ul', { className: 'plain' }, ...value.map((entry) => el('li', {}, readable(entry))));
  }
  if (typeof value === 'object') {
    if ('cents' in value && 'currency' in value && Object.keys(value).length === 2
      && typeof value.cents === 'number' && typeof value.currency === 'string') {
      // Where the currency puts its point is the currency's (format.js), not always two digits from the end.
      return money({ cents: value.cents, currency: value.currency }, currentLanguage());
    }
    const list = el('dl', { className: 'facts nested' });
    Object.entries(value).forEach(([key, inner]) => list.append(...fact(labelOf(key), readable(inner))));
    return list;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'long', timeZone: 'UTC' })
      .format(new Date(`${value}T00:00:00Z`));
  }
  if (typeof value === 'string' && has(`audit.value.${value}`)) return t(`audit.value.${value}`);
  return String(value);
}

function renderState() {
  if (!state) return;
  stateResult.hidden = false;
  stateResultHeading.textContent = t(`audit.state.resultHeading.${state.kind}`, { id: state.aggregateId,
    n: state.sequenceNumber, time: formatInstant(state.time) });
  stateFacts.replaceChildren(...Object.entries(state.view || {})
    .flatMap(([key, value]) => fact(labelOf(key), readable(value))));
  stateJson.textContent = JSON.stringify(state.view, null, 2);
  stateStatus.textContent = t('audit.state.shown', { n: state.sequenceNumber });
}

/** @param {boolean} focus */
async function showState(focus) {
  if (!shown) return;
  const { kind, id } = shown;
  clearProblems(stateForm);
  const point = field(stateForm, 'point').value;
  const params = new URLSearchParams();
  if (point === 'sequence') {
    const sequence = field(stateForm, 'sequence').value.trim();
    if (!/^\d+$/.test(sequence)) {
      showProblem(stateForm, { errors: [{ field: 'sequence', rule: sequence ? 'Min' : 'NotBlank' }] });
      return;
    }
    params.set('sequence', sequence);
  } else {
    const at = instantOf(field(stateForm, 'at').value);
    if (!at || at === 'invalid') {
      showProblem(stateForm, { errors: [{ field: 'at', rule: at ? 'type' : 'NotBlank' }] });
      return;
    }
    params.set('at', at);
  }
  stateStatus.textContent = t('audit.state.loading');
  /** @type {Answer<PastState>} */
  const answer = await callApi(`/api/audit/${kind}/${encodeURIComponent(id)}/state?${params}`);
  if (!answer.ok) {
    stateStatus.textContent = '';
    stateResult.hidden = true;
    state = null;
    // Before the first event there is no record yet: that concerns the point chosen.
    showProblem(stateForm, answer.status === 404 ? { errors: [{ field: point, rule: 'beforeFirst' }] } : answer.body);
    return;
  }
  state = answer.body;
  renderState();
  if (focus) stateResultHeading.focus();
}

stateForm.addEventListener('change', (event) => {
  if (/** @type {HTMLInputElement} */ (event.target).name === 'point') showPoint();
});
stateForm.addEventListener('submit', (event) => {
  event.preventDefault();
  showState(true);
});

// ---- chain verification ----

function renderVerification() {
  if (!verification) return;
  const { result, scope } = verification;
  const notice = el('div', { className: `notice ${result.intact ? 'good' : 'warning'}` });
  if (result.intact) {
    notice.append(el('p', {}, el('strong', { text: t('audit.verify.intact') })),
      el('p', { text: t(`audit.verify.intactDetail.${scope}`, { events: count(result.eventsChecked),
        records: count(result.aggregatesChecked) }) }));
  } else {
    const link = result.firstBrokenLink;
    const facts = el('dl', { className: 'facts' },
      ...fact(t('audit.verify.record'), el('code', { text: link.aggregateId })),
      ...fact(t('audit.event.number'), link.sequenceNumber),
      ...fact(t('audit.event.id'), el('code', { text: link.eventId || '—' })),
      ...fact(t('audit.verify.expected'), el('code', { text: link.expected || '—' })),
      ...fact(t('audit.verify.found'), el('code', { text: link.found || '—' })));
    notice.append(el('p', {}, el('strong', { text: t('audit.verify.broken') })),
      el('p', { text: t('audit.verify.brokenAt', { n: link.sequenceNumber, id: link.aggregateId,
        problem: has(`audit.verify.problem.${link.problem}`) ? t(`audit.verify.problem.${link.problem}`)
          : link.problem }) }),
      facts,
      el('p', { text: t('audit.verify.checked', { events: count(result.eventsChecked),
        records: count(result.aggregatesChecked) }) }));
  }
  verifyResult.replaceChildren(notice);
  verifyStatus.textContent = result.intact ? t('audit.verify.intact') : t('audit.verify.broken');
}

/**
 * @param {string} path
 * @param {'record' | 'tenant'} scope
 */
async function verify(path, scope) {
  clearProblems(verifyForm);
  verifyResult.replaceChildren();
  verifyStatus.textContent = t('audit.verify.working');
  /** @type {Answer<ChainVerification>} */
  const answer = await callApi(path);
  if (!answer.ok) {
    verifyStatus.textContent = '';
    showProblem(verifyForm, answer.body);
    return;
  }
  verification = { result: answer.body, scope };
  renderVerification();
}

verifyRecord.addEventListener('click', () => {
  if (shown) verify(`/api/audit/${shown.kind}/${encodeURIComponent(shown.id)}/verification`, 'record');
});
verifyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  verify(`/api/audit/${field(verifyForm, 'kind').value}/verification`, 'tenant');
});

// ---- exports ----

/**
 * @param {Response} response
 * @param {string} fallback
 */
function fileNameOf(response, fallback) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = disposition.match(/filename="?([^";]+)"?/);
  return match ? match[1] : fallback;
}

/**
 * @param {Response} response
 * @returns {Promise<import('./api.js').Problem | null>}
 */
async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

personExportButton.addEventListener('click', async () => {
  if (!shown) return;
  const { id, personKinds } = shown;
  personExportButton.disabled = true;
  personExportFiles.replaceChildren();
  personExportStatus.textContent = t('audit.export.personWorking');
  try {
    /** @type {HTMLLIElement[]} */
    const files = [];
    for (const kind of personKinds) {
      const response = await callApi(`/api/audit/${kind}/people/${encodeURIComponent(id)}/export`,
        { raw: true, accept: 'application/zip, application/problem+json' });
      if (!response.ok) {
        personExportStatus.textContent = problemText(await problemOf(response));
        return;
      }
      const blob = await response.blob();
      const fileName = fileNameOf(response, `${kind}-${id}.zip`);
      files.push(downloadLink(blob, fileName, t('audit.export.save', { file: fileName })));
    }
    personExportFiles.replaceChildren(...files);
    personExportStatus.textContent = t('audit.export.personReady', { n: files.length });
  } catch (failure) {
    personExportStatus.textContent = t('audit.export.failed');
  } finally {
    personExportButton.disabled = false;
  }
});

/** @param {boolean} running */
function exportRunning(running) {
  exportStart.disabled = running;
  exportCancel.hidden = !running;
  exportProgressLine.hidden = !running && exportProgress.value === 0;
}

/**
 * @param {number} received
 * @param {number} total
 */
function showCount(received, total) {
  exportProgress.max = Math.max(total, 1);
  exportProgress.value = total === 0 ? 1 : received;
  exportCount.textContent = t('audit.export.count', { received: count(received), total: count(total) });
}

/**
 * Counts the lines of the stream as they arrive, keeping them; the status is announced at each tenth only.
 *
 * @param {Response} response
 * @param {number} total
 * @param {AbortSignal} signal
 */
async function readLines(response, total, signal) {
  if (!response.body) {
    throw new Error('The export answered without a stream');
  }
  const reader = response.body.getReader();
  /** @type {Uint8Array<ArrayBuffer>[]} */
  const chunks = [];
  let received = 0;
  let announced = 0;
  signal.addEventListener('abort', () => reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    value.forEach((byte) => {
      if (byte === 10) received += 1;
    });
    showCount(received, total);
    const tenth = total ? Math.floor((received * 10) / total) : 10;
    if (tenth > announced && received < total) {
      announced = tenth;
      exportStatus.textContent = t('audit.export.count', { received: count(received), total: count(total) });
    }
  }
  return { chunks, received };
}

periodForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(periodForm);
  const kind = field(periodForm, 'kind').value;
  const from = instantOf(field(periodForm, 'from').value);
  const to = instantOf(field(periodForm, 'to').value);
  /** @type {[string, string | null][]} */
  const bounds = [['from', from], ['to', to]];
  const missing = bounds.filter(([, value]) => !value || value === 'invalid')
    .map(([field, value]) => ({ field, rule: value ? 'type' : 'NotNull' }));
  if (missing.length || !from || !to) {
    showProblem(periodForm, { errors: missing });
    return;
  }
  exportFiles.replaceChildren();
  exportProgress.value = 0;
  exportCount.textContent = '';
  exporting = new AbortController();
  const { signal } = exporting;
  exportRunning(true);
  exportStatus.textContent = t('audit.export.starting');
  try {
    const response = await callApi(`/api/audit/${kind}/exports?${new URLSearchParams({ from, to })}`,
      { raw: true, accept: 'application/x-ndjson, application/problem+json' });
    if (!response.ok) {
      exportStatus.textContent = '';
      showProblem(periodForm, await problemOf(response));
      return;
    }
    const total = Number(response.headers.get('X-Total-Events') || '0');
    if (signal.aborted) {
      // Cancelled while the server was still answering: nothing of the stream is read.
      if (response.body) response.body.cancel().catch(() => {});
      exportStatus.textContent = t('audit.export.cancelledShort');
      return;
    }
    showCount(0, total);
    exportProgressLine.hidden = false;
    const { chunks, received } = await readLines(response, total, signal);
    if (signal.aborted) {
      exportStatus.textContent = t('audit.export.cancelled', { received: count(received), total: count(total) });
      return;
    }
    const fileName = `${kind}-events-${from.slice(0, 19).replace(/:/g, '')}-${to.slice(0, 19).replace(/:/g, '')}.jsonl`;
    const blob = new Blob(chunks, { type: 'application/x-ndjson' });
    exportFiles.replaceChildren(downloadLink(blob, fileName, t('audit.export.save', { file: fileName })));
    exportStatus.textContent = t('audit.export.done', { received: count(received), total: count(total) });
  } catch (failure) {
    exportStatus.textContent = signal.aborted ? t('audit.export.cancelledShort') : t('audit.export.failed');
  } finally {
    exporting = null;
    exportRunning(false);
  }
});

exportCancel.addEventListener('click', () => {
  if (exporting) exporting.abort();
});

// ---- start ----

function redraw() {
  showKind();
  renderHistory();
  renderRecordTools();
  renderState();
  renderVerification();
}

window.addEventListener('pagehide', () => blobUrls.forEach((url) => URL.revokeObjectURL(url)));

const today = new Date();
today.setHours(0, 0, 0, 0);
field(periodForm, 'from').value = localValueOf(today);
field(periodForm, 'to').value = localValueOf(new Date(today.getTime() + 24 * 60 * 60 * 1000));

/** Reads each kind's event types; a kind whose service does not answer offers none but "any type". */
async function loadTypes() {
  const answers = await Promise.all(KINDS.map((kind) => /** @type {Promise<Answer<string[]>>} */ (
    callApi(`/api/audit/${kind}/event-types`)).catch(() => null)));
  KINDS.forEach((kind, i) => {
    const answer = answers[i];
    TYPES[kind] = answer && answer.ok && Array.isArray(answer.body) ? answer.body : [];
  });
}

await startPage({ screens: ['audit'], roles: ['AUDITOR', 'TENANT_ADMIN', 'PLATFORM_ADMIN'] });
await loadTypes();
onLanguage(redraw);
redraw();
showPoint();
const asked = new URLSearchParams(location.search);
const askedId = asked.get('id');
if (askedId) {
  const askedKind = asked.get('kind') || '';
  const kind = [...KINDS, 'people'].includes(askedKind) ? askedKind : 'applications';
  field(openForm, 'kind').value = kind;
  idInput.value = askedId;
  showKind();
  openHistory(kind, askedId, { type: '', from: null, to: null },
    Math.max(0, Number.parseInt(asked.get('page') || '0', 10) || 0), false);
}
