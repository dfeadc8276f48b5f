// An endorsee's endorsement: its standing, the certificate, the badge and a link to share, the yearly hours (what is
// met and missing per year of the cycle, logging and correcting entries), renewal, the evidence of the hours (files
// attached to a year, which a renewal audit asks for), reinstatement after a lapse, and moving to another association.
import { onLanguage, t, formatDate, phrase } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, getJson, showProblem, clearProblems, requestKeys } from './api.js';
import { saveDownload } from './files.js';
import { el, byId, field, find, enclosing } from './dom.js';
import { button, fact, announce, control, valuesOf, fill } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * @typedef {import('./views.js').EndorsementView} EndorsementView
 * @typedef {import('./portal-kit.js').ControlSpec} ControlSpec
 */

/**
 * @typedef {import('./views.js').CycleProgress} Progress
 * @typedef {import('./views.js').LoggedActivity} ActivityEntry
 * @typedef {import('./views.js').EvidenceItem} EvidenceItem
 * @typedef {import('./views.js').CycleEvidence} Evidence
 */

/**
 * The registry's sharing details of an active endorsement: the badge's pictures, a LinkedIn link and what an email
 * signature shows.
 *
 * @typedef {{ endorsementNumber: string, category: string, issuerName: string, name: string, linkedInUrl: string,
 *   verificationUrl: string, signatureImage: string }} Sharing
 */

/** @type {ControlSpec[]} */
const TRAINING_FIELDS = [
  { name: 'title' },
  { name: 'attendedOn', type: 'date' },
  { name: 'hours', type: 'number', step: '0.25', inputmode: 'decimal' },
  { name: 'deiHours', type: 'number', step: '0.25', inputmode: 'decimal', hint: 'hint.deiHours' },
];
/** @type {ControlSpec[]} */
const SESSION_FIELDS = [
  { name: 'providerNumber', hint: 'hint.providerNumber' },
  { name: 'sessionOn', type: 'date' },
  { name: 'hours', type: 'number', step: '0.25', inputmode: 'decimal' },
];
/**
 * The associations an endorsement may be transferred to, as association-service lists them (public).
 *
 * @typedef {{ code: string, name: string, state: string }} AssociationSummary
 */
/** @type {AssociationSummary[]} */
let associations = [];

const number = new URLSearchParams(location.search).get('number') || '';
const base = `/api/endorsements/${encodeURIComponent(number)}`;
const status = byId('end-status');
/** @type {Record<string, { form: HTMLFormElement, fields: ControlSpec[], path: string }>} */
const forms = {
  training: { form: byId('training-form', HTMLFormElement), fields: TRAINING_FIELDS, path: 'trainings' },
  session: { form: byId('session-form', HTMLFormElement), fields: SESSION_FIELDS, path: 'reflective-supervision' },
};
/** @type {EndorsementView | null} */
let endorsement = null;
/** @type {Progress | null} */
let progress = null;
/** @type {string | null} */
let tenant = null;
/** @type {Sharing | null} */
let sharing = null; // the registry's sharing details while the endorsement is active
/** @type {Evidence | null} */
let evidence = null; // the current cycle's evidence, and its audit if the renewal was drawn for one
const evidenceKeys = requestKeys();
const evidenceForm = byId('evidence-form', HTMLFormElement);

/** @param {EndorsementView} endorsement */
function renderSummary(endorsement) {
  byId('end-heading').textContent = t('end.headingFor', { number: endorsement.endorsementNumber });
  const active = endorsement.status === 'ACTIVE';
  byId('end-notice').replaceChildren(el('div', { className: active ? 'notice good' : 'notice warning' },
    el('p', {}, el('strong', { text: t(`end.status.${endorsement.status}`) })),
    el('p', { text: t('end.validThroughSentence', { date: formatDate(endorsement.validThrough) }) })));
  byId('end-facts').replaceChildren(
    ...fact(t('end.name'), endorsement.endorseeName),
    ...fact(t('end.number'), endorsement.endorsementNumber),
    ...fact(t('field.category'), t(`category.${endorsement.category}`)),
    ...fact(t('end.endorsedSince'), formatDate(endorsement.endorsedSince)),
    ...fact(t('end.validThrough'), formatDate(endorsement.validThrough)));
  const share = `${location.origin}/verify.html?number=${encodeURIComponent(endorsement.endorsementNumber)}`;
  byId('share-link', HTMLInputElement).value = share;
  const certificate = byId('certificate-link', HTMLAnchorElement);
  certificate.href = `/api/registry/endorsements/${encodeURIComponent(endorsement.endorsementNumber)}/certificate`;
  certificate.setAttribute('download', `${endorsement.endorsementNumber}.pdf`);
  byId('badge-link', HTMLAnchorElement).href = `/api/registry/badges/${encodeURIComponent(endorsement.endorsementNumber)}`;
  renderSharing();
}

/** @param {string} text */
function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The badge's picture, the LinkedIn link and an email signature in the page's language (HTML and plain text). */
function renderSharing() {
  const section = byId('badge-share');
  section.hidden = !sharing;
  if (!sharing) {
    return;
  }
  const images = `/api/registry/endorsements/${encodeURIComponent(sharing.endorsementNumber)}`;
  const category = t(`category.${sharing.category}`);
  const alt = t('end.badgeAlt', { category, association: sharing.issuerName });
  const picture = byId('badge-image', HTMLImageElement);
  picture.src = `${images}/badge.png`;
  picture.alt = alt;
  const png = byId('badge-png', HTMLAnchorElement);
  png.href = `${images}/badge.png`;
  png.setAttribute('download', `${sharing.endorsementNumber}-badge.png`);
  const svg = byId('badge-svg', HTMLAnchorElement);
  svg.href = `${images}/badge.svg`;
  svg.setAttribute('download', `${sharing.endorsementNumber}-badge.svg`);
  byId('linkedin-link', HTMLAnchorElement).href = sharing.linkedInUrl;
  const lines = {
    title: t('end.signatureTitle', { category }),
    association: `${sharing.issuerName} · ${sharing.endorsementNumber}`,
    verify: t('end.signatureVerify'),
  };
  const html = '<table role="presentation" cellpadding="0" cellspacing="0"><tr>'
    + `<td style="padding-right:8px"><a href="${escapeHtml(sharing.verificationUrl)}">`
    + `<img src="${escapeHtml(sharing.signatureImage)}" width="64" height="64" alt="${escapeHtml(alt)}"></a></td>`
    + '<td style="font-family:Arial,sans-serif;font-size:13px;line-height:1.4">'
    + `<strong>${escapeHtml(sharing.name)}</strong><br>${escapeHtml(lines.title)}<br>${escapeHtml(lines.association)}<br>`
    + `<a href="${escapeHtml(sharing.verificationUrl)}">${escapeHtml(lines.verify)}</a></td></tr></table>`;
  const text = [sharing.name, lines.title, lines.association, `${lines.verify}: ${sharing.verificationUrl}`].join('\n');
  byId('signature-html', HTMLTextAreaElement).value = html;
  byId('signature-text', HTMLTextAreaElement).value = text;
  // The preview is the same signature built from elements, so nothing from the answer is parsed as HTML here.
  const link = el('a', { href: sharing.verificationUrl, text: lines.verify });
  const image = el('img', { src: sharing.signatureImage, alt, width: 64, height: 64 });
  byId('signature-preview').replaceChildren(el('div', { className: 'share' },
    el('a', { href: sharing.verificationUrl }, image),
    el('p', {}, el('strong', { text: sharing.name }), el('br'), lines.title, el('br'), lines.association,
      el('br'), link)));
}

/** @param {string} id the text area whose text is copied */
async function copy(id) {
  const text = byId(id, HTMLTextAreaElement);
  try {
    await navigator.clipboard.writeText(text.value);
  } catch (refused) {
    text.select();
  }
  announce(status, t('end.copiedSignature'));
}

function renderHours() {
  const hours = progress;
  if (!hours) {
    byId('hours-summary').textContent = t('end.hoursUnavailable');
    return;
  }
  byId('hours-summary').textContent = t(hours.met ? 'end.hoursMet' : 'end.hoursMissing');
  byId('years').replaceChildren(...hours.years.map((year) => el('div', { className: 'year' },
    el('h3', { text: t('end.year', { year: year.year }) }),
    el('ul', { className: 'checklist' }, year.requirements.map((requirement) => el('li', {
      className: requirement.met ? 'met' : 'missing',
    }, el('strong', { text: `${t(`activity.${requirement.name}`)} (${t(requirement.met ? 'app.met' : 'app.missing')}): ` }),
    phrase(requirement.phrase) || requirement.detail))))));
  byId('entries-none').hidden = hours.entries.length > 0;
  byId('activity-entries').replaceChildren(...hours.entries.map((entry) => {
    const training = entry.kind === 'training';
    const summary = training
      ? t('end.trainingEntry', { title: entry.title, date: formatDate(entry.on), hours: entry.hours })
      : t('end.sessionEntry', { provider: entry.providerNumber, date: formatDate(entry.on), hours: entry.hours });
    const correct = button(t('app.correct'), 'link', () => startCorrecting(training ? 'training' : 'session', entry));
    correct.setAttribute('aria-label', t('app.correctEntry', { entry: summary }));
    const remove = button(t('app.remove'), 'link', () => removeEntry(training ? 'training' : 'session', entry));
    remove.setAttribute('aria-label', t('app.removeEntry', { entry: summary }));
    // An entry dated in a year the cycle does not judge (the year of the grant, say) counts toward nothing.
    const counted = hours.years.some((year) => String(year.year) === String(entry.on).slice(0, 4));
    return el('li', {}, el('span', { text: summary }),
      counted ? null : el('p', { className: 'hint', text: t('end.outsideCycle') }),
      el('div', { className: 'actions' }, correct, remove));
  }));
}

/** @param {EndorsementView} endorsement */
function renderRenewal(endorsement) {
  const parts = [];
  parts.push(endorsement.renewal ? t(`end.renewal.${endorsement.renewal}`) : t('end.renewal.NONE'));
  if (endorsement.lateFee === 'DUE') {
    parts.push(t('end.lateFeeDue'));
  } else if (endorsement.lateFee === 'PAID') {
    parts.push(t('end.lateFeePaid'));
  }
  const state = byId('renewal-state');
  state.replaceChildren(parts.join(' '));
  const comments = endorsement.renewal === 'RETURNED' ? endorsement.renewalComments : null;
  byId('renewal-comments').hidden = !comments;
  byId('renewal-comments-text').textContent = comments || '';
  const lapsed = endorsement.status === 'LAPSED';
  byId('renewal-form').hidden = lapsed;
  byId('reinstatement-form').hidden = !lapsed || Boolean(endorsement.renewal);
  const { lateFeeInvoiceId } = endorsement;
  if (endorsement.lateFee === 'DUE' && lateFeeInvoiceId) {
    state.append(' ', el('a', { href: `/pay.html?invoice=${encodeURIComponent(lateFeeInvoiceId)}`,
      text: t('end.payLateFee') }));
  }
  byId('transfer-state').textContent = endorsement.transferTo
    ? t('end.transferRequested', { to: associationName(endorsement.transferTo) }) : '';
  const select = byId('transfer-toTenantId', HTMLSelectElement);
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: t('field.choose') }),
    ...associations.filter((association) => association.code !== (tenant || endorsement.tenantId))
      .map((association) => el('option', { value: association.code,
        text: `${association.name} (${association.state})` })));
  select.value = chosen;
}

/** @param {EvidenceItem} item */
function evidenceEntry(item) {
  const download = button(t('end.download'), 'link', async () => {
    const saved = await saveDownload(`${base}/evidence/${encodeURIComponent(item.attachmentId)}`, null);
    announce(status, saved.ok ? t('end.downloaded') : t('end.downloadFailed'));
  });
  download.setAttribute('aria-label', t('end.downloadFile', { file: item.fileName }));
  return el('li', {}, el('span', { text: t('end.evidenceEntry', { file: item.fileName, year: item.year }) }), ' ',
    el('span', { className: `tag${item.state === 'ACCEPTED' ? ' good' : (item.state === 'RETURNED' ? ' warning' : '')}`,
      text: t(`end.evidence.${item.state}`) }),
    item.state === 'RETURNED' && item.returnReason ? el('p', { className: 'hint', text: item.returnReason }) : null,
    el('div', { className: 'actions' }, download));
}

function renderEvidence() {
  const items = evidence ? evidence.items : [];
  const audit = evidence && evidence.audit;
  byId('evidence-state').textContent = audit ? t(`end.audit.${audit.state}`) : '';
  byId('evidence-list').replaceChildren(...(items.length ? items.map(evidenceEntry)
    : [el('li', { text: t('end.noEvidence') })]));
  const years = progress ? progress.years.map((year) => String(year.year)) : [];
  const year = byId('evidence-year', HTMLSelectElement);
  const chosen = year.value;
  year.replaceChildren(...years.map((y) => el('option', { value: y, text: y })));
  year.value = years.includes(chosen) ? chosen : (years[years.length - 1] || '');
  const returned = items.filter((item) => item.state === 'RETURNED');
  const replaces = byId('evidence-replaces', HTMLSelectElement);
  replaces.replaceChildren(el('option', { value: '', text: t('end.replacesNothing') }),
    ...returned.map((item) => el('option', { value: item.attachmentId, text: item.fileName })));
  enclosing(replaces, '.field').hidden = !returned.length;
}

/**
 * An association's name as association-service lists it, else its code.
 *
 * @param {string} code
 */
function associationName(code) {
  const association = associations.find((listed) => listed.code === code);
  return association ? association.name : code.toUpperCase();
}

async function loadEvidence() {
  /** @type {Answer<Evidence>} */
  const answer = await callApi(`${base}/evidence`);
  evidence = answer.ok ? answer.body : null;
}

/**
 * A file attached as evidence: sent again with the same key when no answer came, so that it is kept once.
 *
 * @param {SubmitEvent} event
 */
async function attachEvidence(event) {
  event.preventDefault();
  const form = evidenceForm;
  clearProblems(form);
  const { files } = find(form, '[name=file]', HTMLInputElement);
  const file = files ? files[0] : undefined;
  if (!file) {
    showProblem(form, { errors: [{ field: 'file', rule: 'NotNull' }] });
    return;
  }
  const fields = { year: field(form, 'year').value, replaces: field(form, 'replaces').value };
  const data = new FormData();
  data.append('file', file);
  data.append('year', fields.year);
  if (fields.replaces) {
    data.append('replaces', fields.replaces);
  }
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.sending'));
  try {
    const key = evidenceKeys.keyFor('evidence', { ...fields, name: file.name, size: file.size, at: file.lastModified });
    /** @type {Answer<EvidenceItem>} */
    const answer = await callApi(`${base}/evidence`, { method: 'POST', body: data, idempotencyKey: key });
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(form, answer.body);
      return;
    }
    evidenceKeys.answered('evidence');
    form.reset();
    await loadEvidence();
    render();
    announce(status, t('end.attached', { file: answer.body.fileName }));
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

function render() {
  if (!endorsement) {
    return;
  }
  renderSummary(endorsement);
  renderHours();
  renderRenewal(endorsement);
  renderEvidence();
  Object.entries(forms).forEach(([key, { form }]) => {
    const correcting = Boolean(form.dataset.entryId);
    byId(`${key}-summary`).textContent = t(correcting ? `end.correct.${key}` : `end.log.${key}`);
    byId(`${key}-cancel`).hidden = !correcting;
  });
}

/**
 * @param {string} key
 * @param {ActivityEntry} entry
 */
function startCorrecting(key, entry) {
  const { form, fields } = forms[key];
  clearProblems(form);
  form.dataset.entryId = entry.entryId;
  fill(form, fields, key === 'training'
    ? { title: entry.title, attendedOn: entry.on, hours: entry.hours, deiHours: entry.deiHours }
    : { providerNumber: entry.providerNumber, sessionOn: entry.on, hours: entry.hours });
  byId(`${key}-details`, HTMLDetailsElement).open = true;
  render();
  find(form, 'input').focus();
}

/** @param {string} key */
function stopCorrecting(key) {
  const { form } = forms[key];
  delete form.dataset.entryId;
  form.reset();
  clearProblems(form);
  render();
}

/**
 * @param {SubmitEvent} event
 * @param {string} key
 */
async function saveEntry(event, key) {
  event.preventDefault();
  const { form, fields, path } = forms[key];
  clearProblems(form);
  const entryId = form.dataset.entryId;
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.saving'));
  try {
    /** @type {Answer<Progress>} */
    const answer = await callApi(`${base}/${path}${entryId ? `/${encodeURIComponent(entryId)}` : ''}`,
      { method: entryId ? 'PUT' : 'POST', json: valuesOf(form, fields) });
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(form, answer.body);
      return;
    }
    const saved = answer.body;
    progress = saved;
    delete form.dataset.entryId;
    form.reset();
    render();
    announce(status,
      `${t(entryId ? 'app.corrected' : 'end.logged')} ${t(saved.met ? 'end.hoursMet' : 'end.hoursMissing')}`);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

/**
 * @param {string} key
 * @param {ActivityEntry} entry
 */
async function removeEntry(key, entry) {
  announce(status, t('app.saving'));
  /** @type {Answer<Progress>} */
  const answer = await callApi(`${base}/${forms[key].path}/${encodeURIComponent(entry.entryId)}`, { method: 'DELETE' });
  if (!answer.ok) {
    announce(status, (answer.body && answer.body.detail) || t('error.unexpected'));
    return;
  }
  progress = answer.body;
  render();
  announce(status, t('app.removed'));
  byId('hours-heading').focus();
}

/**
 * A command without fields (sign, renew, transfer): its refusal is shown in the form, its result announced.
 *
 * @template T
 * @param {SubmitEvent} event
 * @param {HTMLFormElement} form
 * @param {string} path
 * @param {unknown} json
 * @param {(answer: T) => void | Promise<void>} done
 */
async function act(event, form, path, json, done) {
  event.preventDefault();
  clearProblems(form);
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.sending'));
  try {
    /** @type {Answer<T>} */
    const answer = await callApi(`${base}/${path}`, { method: 'POST', json });
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(form, answer.body);
      return;
    }
    await done(answer.body);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

async function copyShareLink() {
  const input = byId('share-link', HTMLInputElement);
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (refused) {
    // Without clipboard access, leave the link selected for the person to copy.
    input.select();
  }
  announce(status, t('end.copied'));
}

Object.entries(forms).forEach(([key, { form, fields }]) => {
  byId(`${key}-fields`).replaceChildren(...fields.map((spec) => control(key, spec)));
  form.addEventListener('submit', (event) => saveEntry(event, key));
  byId(`${key}-cancel`).addEventListener('click', () => stopCorrecting(key));
});
const ethicsForm = byId('ethics-form', HTMLFormElement);
ethicsForm.addEventListener('submit', (event) => act(event, ethicsForm, 'code-of-ethics', undefined,
  (/** @type {Progress} */ answer) => { progress = answer; render(); announce(status, t('end.signed')); }));
const renewalForm = byId('renewal-form', HTMLFormElement);
renewalForm.addEventListener('submit', (event) => act(event, renewalForm, 'renewal', undefined,
  async (/** @type {EndorsementView} */ answer) => {
    endorsement = answer; await loadEvidence(); render(); announce(status, t('end.renewed'));
  }));
const reinstatementForm = byId('reinstatement-form', HTMLFormElement);
reinstatementForm.addEventListener('submit', (event) => act(event, reinstatementForm, 'reinstatement', undefined,
  (/** @type {EndorsementView} */ answer) => {
    endorsement = answer; render(); announce(status, t('end.reinstatementAsked'));
  }));
const transferForm = byId('transfer-form', HTMLFormElement);
transferForm.addEventListener('submit', (event) => {
  const toTenantId = field(transferForm, 'toTenantId').value;
  act(event, transferForm, 'transfer', { toTenantId },
    (/** @type {EndorsementView} */ answer) => {
      endorsement = answer; render(); announce(status, t('end.transferAsked'));
    });
});
evidenceForm.addEventListener('submit', attachEvidence);
byId('share-copy').addEventListener('click', copyShareLink);
byId('signature-html-copy').addEventListener('click', () => copy('signature-html'));
byId('signature-text-copy').addEventListener('click', () => copy('signature-text'));
byId('hours-heading').tabIndex = -1;
onLanguage(render);

const page = await startPage({ screens: ['portal', 'application', 'endorsement'], roles: ['APPLICANT', 'ENDORSEE'] });
tenant = page.tenant;
status.textContent = t('end.loading');
/** @type {Answer<EndorsementView>} */
const answer = await callApi(base);
if (!answer.ok) {
  status.textContent = answer.status === 404 ? t('end.notFound') : t('end.loadFailed');
} else {
  const loaded = answer.body;
  endorsement = loaded;
  /** @type {Answer<Progress>} */
  const hours = await callApi(`${base}/progress`);
  progress = hours.ok ? hours.body : null;
  /** @type {Answer<AssociationSummary[]>} */
  const listed = await getJson('/api/associations');
  associations = listed.ok ? listed.body : [];
  await loadEvidence();
  if (loaded.status === 'ACTIVE') {
    // Public: the badge's pictures and sharing details come from the registry, for active endorsements only.
    /** @type {Answer<Sharing>} */
    const shared = await getJson(`/api/registry/endorsements/${encodeURIComponent(loaded.endorsementNumber)}/sharing`,
      { fresh: true });
    sharing = shared.ok ? shared.body : null;
  }
  byId('end-body').hidden = false;
  status.textContent = '';
  render();
}
