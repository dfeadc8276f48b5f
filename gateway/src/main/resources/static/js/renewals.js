// /renewals.html?number=...: a coordinator opens an endorsement by its number (renewal-service lists no renewals
// waiting, so the number comes from the endorsee or the reminder), reads its standing and the endorsee's progress
// per year of the cycle, and approves a submitted renewal or returns it with comments, or a requested reinstatement. The transfers waiting for
// the coordinator's association are listed, and one opened from the list is accepted here. So are the renewal audits
// open: the evidence of a sampled renewal is downloaded and each item accepted or returned with a reason.
import { onLanguage, t, formatDate, phrase } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { el, field, byId, find, findAll } from './dom.js';
import { explain } from './staff.js';
import { saveDownload } from './files.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

const lookup = byId('lookup-form', HTMLFormElement);
const line = byId('renewal-status');

/**
 * @typedef {import('./views.js').EndorsementView} EndorsementView
 * @typedef {import('./views.js').CycleProgress} CycleProgress
 * @typedef {import('./views.js').CycleEvidence} CycleEvidence
 * @typedef {import('./views.js').EvidenceItem} EvidenceItem
 * @typedef {import('./views.js').RenewalAudit} RenewalAudit
 * @typedef {{ endorsementNumber: string, endorseeName: string, awaitingReview: number, returned: number,
 *   accepted: number }} OpenAudit
 * @typedef {{ endorsement: EndorsementView, progress: CycleProgress | null, evidence: CycleEvidence | null }} Opened
 */

/** @type {Opened | null} */
let shown = null; // { endorsement, progress, evidence }
/** @type {EndorsementView[]} */
let waiting = []; // the transfers waiting for the coordinator's association
/** @type {OpenAudit[]} */
let audits = []; // the association's renewal audits still open

/** The endorsement opened, which the forms act on; they are shown only once it is. */
function opened() {
  if (!shown) {
    throw new Error('No endorsement is open yet');
  }
  return shown;
}

/**
 * @param {string} term
 * @param {import('./dom.js').Child} value
 */
function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

function renderTransfers() {
  byId('transfers-list').replaceChildren(...(waiting.length ? waiting.map((w) => el('li', {}, [
    el('a', { href: `?${new URLSearchParams({ number: w.endorsementNumber })}` },
      `${w.endorseeName} (${w.endorsementNumber})`),
    ` ${t(`category.${w.category}`)}, ${t('renewals.transferFrom', { tenant: w.tenantId.toUpperCase() })}`]))
    : [el('li', {}, t('renewals.noTransfers'))]));
}

function renderAudits() {
  byId('audits-list').replaceChildren(...(audits.length ? audits.map((a) => el('li', {}, [
    el('a', { href: `?${new URLSearchParams({ number: a.endorsementNumber })}` },
      `${a.endorseeName} (${a.endorsementNumber})`),
    ` ${t('renewals.auditCounts', { waiting: a.awaitingReview, returned: a.returned, accepted: a.accepted })}`]))
    : [el('li', {}, t('renewals.noAudits'))]));
}

async function loadAudits() {
  /** @type {Answer<OpenAudit[]>} */
  const answer = await callApi('/api/endorsements/renewal-audits');
  audits = answer.ok ? answer.body : [];
  renderAudits();
}

/** @param {EvidenceItem} item */
function evidencePath(item) {
  const endorsement = encodeURIComponent(item.endorsementNumber);
  return `/api/endorsements/${endorsement}/evidence/${encodeURIComponent(item.attachmentId)}`;
}

/**
 * An item of evidence: its file to download and, while the audit waits for it, acceptance or return with a reason.
 *
 * @param {EvidenceItem} item
 * @param {RenewalAudit | null} audit
 */
function evidenceItem(item, audit) {
  const download = el('button', { type: 'button', className: 'link', text: t('renewals.download') });
  download.setAttribute('aria-label', t('renewals.downloadFile', { file: item.fileName }));
  download.addEventListener('click', async () => {
    const saved = await saveDownload(evidencePath(item), null);
    line.textContent = saved.ok ? '' : t('renewals.downloadFailed');
  });
  const summary = el('span', {}, `${item.fileName} (${item.year}): ${t(`renewals.evidence.${item.state}`)}`);
  const reason = item.state === 'RETURNED' && item.returnReason
    ? el('p', { className: 'hint' }, item.returnReason) : null;
  if (!audit || item.state !== 'ATTACHED') {
    return el('li', {}, summary, reason, el('div', { className: 'actions' }, download));
  }
  const id = `reason-${item.attachmentId}`;
  const form = el('form', { noValidate: true },
    el('div', { className: 'field' },
      el('label', { attrs: { for: id } }, t('renewals.returnReason')),
      el('textarea', { id, name: 'reason', attrs: { 'aria-describedby': `${id}-error` } }),
      el('p', { className: 'field-error', id: `${id}-error` })),
    el('p', { className: 'field-error form-error', attrs: { role: 'alert' } }),
    el('div', { className: 'actions' },
      el('button', { type: 'button', className: 'primary', text: t('renewals.acceptEvidence') }),
      el('button', { type: 'submit', className: 'secondary', text: t('renewals.returnEvidence') }),
      download));
  find(form, 'button.primary').addEventListener('click', () => judge(form,
    () => callApi(`${evidencePath(item)}/acceptance`, { method: 'POST' }), 'renewals.evidenceAccepted'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    judge(form, () => callApi(`${evidencePath(item)}/return`,
      { method: 'POST', json: { reason: field(form, 'reason').value.trim() } }), 'renewals.evidenceReturned');
  });
  return el('li', {}, summary, form);
}

/** @param {CycleEvidence | null} evidence */
function renderEvidence(evidence) {
  const audit = evidence && evidence.audit;
  byId('audit-state').textContent = audit
    ? t(`renewals.audit.${audit.state}`, { percent: audit.auditPercent, draw: audit.draw }) : t('renewals.audit.NONE');
  const items = evidence ? evidence.items : [];
  byId('evidence-list').replaceChildren(...(items.length ? items.map((item) => evidenceItem(item, audit))
    : [el('li', {}, t('renewals.noEvidence'))]));
}

/**
 * @param {string} number
 * @returns {Promise<CycleEvidence | null>}
 */
async function loadEvidence(number) {
  /** @type {Answer<CycleEvidence>} */
  const answer = await callApi(`/api/endorsements/${encodeURIComponent(number)}/evidence`);
  return answer.ok ? answer.body : null;
}

/**
 * Accepts or returns an item, then shows the evidence and the open audits as they are now.
 *
 * @param {HTMLFormElement} form
 * @param {() => Promise<Answer<EvidenceItem>>} request
 * @param {string} done the message key that says what was done
 */
async function judge(form, request, done) {
  clearProblems(form);
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  line.textContent = t('review.saving');
  try {
    const answer = await request();
    if (!answer.ok) {
      line.textContent = '';
      explain(form, answer);
      return;
    }
    const current = opened();
    current.evidence = await loadEvidence(current.endorsement.endorsementNumber);
    await loadAudits();
    render();
    line.textContent = t(done, { file: answer.body.fileName });
  } catch (unreachable) {
    line.textContent = '';
    find(form, '.form-error').textContent = t('review.unreachable');
  } finally {
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

async function loadTransfers() {
  /** @type {Answer<EndorsementView[]>} */
  const answer = await callApi('/api/endorsements/transfers');
  waiting = answer.ok ? answer.body : [];
  renderTransfers();
}

function render() {
  renderTransfers();
  renderAudits();
  if (!shown) {
    return;
  }
  renderEvidence(shown.evidence);
  const { endorsement: e, progress } = shown;
  byId('endorsement').hidden = false;
  byId('endorsement-heading').textContent = `${e.endorseeName} (${e.endorsementNumber})`;
  byId('endorsement-facts').replaceChildren(
    ...fact(t('review.category'), t(`category.${e.category}`)),
    ...fact(t('review.status'), t(`renewals.status.${e.status}`)),
    ...fact(t('review.validThrough'), formatDate(e.validThrough)),
    ...fact(t('renewals.renewal'), e.renewal ? t(`renewals.renewal.${e.renewal}`) : t('renewals.renewal.NONE')),
    ...(e.lateFee ? fact(t('renewals.lateFee'), t(`renewals.lateFee.${e.lateFee}`)) : []));
  byId('years').replaceChildren(...(progress && progress.years.length ? progress.years.map((year) => el('div', {}, [
    el('h4', {}, String(year.year)),
    el('ul', { className: 'checklist' }, year.requirements.map((r) => el('li', { className: r.met ? 'met' : 'missing' },
      [el('span', { className: 'visually-hidden' }, r.met ? t('review.met') : t('review.missing')),
        `${t(`renewals.requirement.${r.name}`)}: ${phrase(r.phrase) || r.detail}`])))]))
    : [el('p', {}, t('renewals.noYears'))]));
  byId('accept-transfer-form').hidden = !waiting.some((w) => w.endorsementNumber === e.endorsementNumber);
  const submitted = e.renewal === 'SUBMITTED' && byId('accept-transfer-form').hidden;
  byId('approve-renewal-form').hidden = !submitted;
  byId('approve-reinstatement-form').hidden = e.renewal !== 'REINSTATEMENT_REQUESTED';
  byId('return-renewal-form').hidden = !submitted;
}

/**
 * @param {string} number
 * @param {boolean} focus
 */
async function open(number, focus) {
  clearProblems(lookup);
  line.textContent = t('console.loading');
  const path = `/api/endorsements/${encodeURIComponent(number)}`;
  /** @type {Answer<EndorsementView>} */
  const answer = await callApi(path);
  if (!answer.ok) {
    line.textContent = '';
    shown = null;
    byId('endorsement').hidden = true;
    if (answer.status === 404) {
      showProblem(lookup, { errors: [{ field: 'endorsementNumber', rule: 'Unknown' }] });
    } else {
      explain(lookup, answer);
    }
    return;
  }
  /** @type {Answer<CycleProgress>} */
  const progress = await callApi(`${path}/progress`);
  const evidence = await loadEvidence(number);
  shown = { endorsement: answer.body, progress: progress.ok ? progress.body : null, evidence };
  history.replaceState(null, '', `?${new URLSearchParams({ number })}`);
  line.textContent = '';
  render();
  if (focus) {
    byId('endorsement-heading').focus();
  }
}

/**
 * Sends a coordinator's decision on the endorsement opened; what else it changes on the page (refresh) is read again
 * before the result is said, so that the page says it once it shows it.
 *
 * @param {HTMLFormElement} form
 * @param {() => Promise<Answer<EndorsementView>>} request
 * @param {string} done the message key that says what was done
 * @param {() => Promise<void>} [refresh]
 */
async function act(form, request, done, refresh = () => Promise.resolve()) {
  const button = find(form, 'button[type=submit]', HTMLButtonElement);
  clearProblems(form);
  button.disabled = true;
  line.textContent = t('review.saving');
  try {
    const answer = await request();
    await refresh();
    if (!answer.ok) {
      line.textContent = '';
      explain(form, answer);
      return;
    }
    form.reset();
    opened().endorsement = answer.body;
    render();
    line.textContent = t(done, { date: formatDate(answer.body.validThrough) });
  } catch (unreachable) {
    line.textContent = '';
    find(form, '.form-error').textContent = t('review.unreachable');
  } finally {
    button.disabled = false;
  }
}

lookup.addEventListener('submit', (event) => {
  event.preventDefault();
  const number = field(lookup, 'endorsementNumber').value.trim();
  if (!number) {
    showProblem(lookup, { errors: [{ field: 'endorsementNumber', rule: 'NotBlank' }] });
    return;
  }
  open(number, true);
});

const acceptTransferForm = byId('accept-transfer-form', HTMLFormElement);
acceptTransferForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const number = opened().endorsement.endorsementNumber;
  // The transfers waiting are read again before the acceptance is said: the accepted one has left the list.
  await act(acceptTransferForm, () => callApi(`/api/endorsements/${encodeURIComponent(number)}/transfer/acceptance`,
    { method: 'POST' }), 'renewals.accepted', loadTransfers);
});

const approveRenewalForm = byId('approve-renewal-form', HTMLFormElement);
approveRenewalForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const number = opened().endorsement.endorsementNumber;
  act(approveRenewalForm, () => callApi(`/api/endorsements/${encodeURIComponent(number)}/renewal/approval`,
    { method: 'POST' }), 'renewals.approved');
});

const approveReinstatementForm = byId('approve-reinstatement-form', HTMLFormElement);
approveReinstatementForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const number = opened().endorsement.endorsementNumber;
  act(approveReinstatementForm, () => callApi(`/api/endorsements/${encodeURIComponent(number)}/reinstatement/approval`,
    { method: 'POST' }), 'renewals.reinstated');
});

const returnRenewalForm = byId('return-renewal-form', HTMLFormElement);
returnRenewalForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = returnRenewalForm;
  const number = opened().endorsement.endorsementNumber;
  act(form, () => callApi(`/api/endorsements/${encodeURIComponent(number)}/renewal/return`,
    { method: 'POST', json: { comments: field(form, 'comments').value.trim() } }), 'renewals.returned');
});

onLanguage(render);

await startPage({ screens: ['console'], roles: ['COORDINATOR'] });
findAll(document, '.coordinator-only').forEach((item) => {
  item.hidden = false;
});
await loadTransfers();
await loadAudits();
const asked = new URLSearchParams(location.search).get('number');
if (asked) {
  field(lookup, 'endorsementNumber').value = asked;
  open(asked, false);
}
