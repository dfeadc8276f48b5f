// An endorsee's endorsement: its standing, the certificate, the badge and a link to share, the yearly hours (what is
// met and missing per year of the cycle, logging and correcting entries), renewal, the evidence of the hours (files
// attached to a year, which a renewal audit asks for), reinstatement after a lapse, and moving to another association.
import { onLanguage, t, formatDate, phrase } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, getJson, showProblem, clearProblems, requestKeys } from './api.js';
import { saveDownload } from './files.js';
import { el, byId, field } from './dom.js';
import { button, fact, announce, control, valuesOf, fill } from './portal-kit.js';

const TRAINING_FIELDS = [
  { name: 'title' },
  { name: 'attendedOn', type: 'date' },
  { name: 'hours', type: 'number', step: '0.25', inputmode: 'decimal' },
  { name: 'deiHours', type: 'number', step: '0.25', inputmode: 'decimal', hint: 'hint.deiHours' },
];
const SESSION_FIELDS = [
  { name: 'providerNumber', hint: 'hint.providerNumber' },
  { name: 'sessionOn', type: 'date' },
  { name: 'hours', type: 'number', step: '0.25', inputmode: 'decimal' },
];
const ASSOCIATIONS = ['ma', 'wa'];

const number = new URLSearchParams(location.search).get('number') || '';
const base = `/api/endorsements/${encodeURIComponent(number)}`;
const status = document.getElementById('end-status');
const forms = {
  training: { form: document.getElementById('training-form'), fields: TRAINING_FIELDS, path: 'trainings' },
  session: { form: document.getElementById('session-form'), fields: SESSION_FIELDS, path: 'reflective-supervision' },
};
let endorsement = null;
let progress = null;
let tenant = null;
let sharing = null; // the registry's sharing details while the endorsement is active
let evidence = null; // the current cycle's evidence, and its audit if the renewal was drawn for one
const evidenceKeys = requestKeys();

function renderSummary() {
  document.getElementById('end-heading').textContent = t('end.headingFor', { number: endorsement.endorsementNumber });
  const active = endorsement.status === 'ACTIVE';
  document.getElementById('end-notice').replaceChildren(el('div', { className: active ? 'notice good' : 'notice warning' },
    el('p', {}, el('strong', { text: t(`end.status.${endorsement.status}`) })),
    el('p', { text: t('end.validThroughSentence', { date: formatDate(endorsement.validThrough) }) })));
  document.getElementById('end-facts').replaceChildren(
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

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The badge's picture, the LinkedIn link and an email signature in the page's language (HTML and plain text). */
function renderSharing() {
  const section = document.getElementById('badge-share');
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
  document.getElementById('signature-preview').replaceChildren(el('div', { className: 'share' },
    el('a', { href: sharing.verificationUrl }, image),
    el('p', {}, el('strong', { text: sharing.name }), el('br'), lines.title, el('br'), lines.association,
      el('br'), link)));
}

async function copy(id) {
  const text = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (byId(id));
  try {
    await navigator.clipboard.writeText(text.value);
  } catch (refused) {
    text.select();
  }
  announce(status, t('end.copiedSignature'));
}

function renderHours() {
  if (!progress) {
    document.getElementById('hours-summary').textContent = t('end.hoursUnavailable');
    return;
  }
  document.getElementById('hours-summary').textContent = t(progress.met ? 'end.hoursMet' : 'end.hoursMissing');
  document.getElementById('years').replaceChildren(...progress.years.map((year) => el('div', { className: 'year' },
    el('h3', { text: t('end.year', { year: year.year }) }),
    el('ul', { className: 'checklist' }, year.requirements.map((requirement) => el('li', {
      className: requirement.met ? 'met' : 'missing',
    }, el('strong', { text: `${t(`activity.${requirement.name}`)} (${t(requirement.met ? 'app.met' : 'app.missing')}): ` }),
    phrase(requirement.phrase) || requirement.detail))))));
  document.getElementById('entries-none').hidden = progress.entries.length > 0;
  document.getElementById('activity-entries').replaceChildren(...progress.entries.map((entry) => {
    const training = entry.kind === 'training';
    const summary = training
      ? t('end.trainingEntry', { title: entry.title, date: formatDate(entry.on), hours: entry.hours })
      : t('end.sessionEntry', { provider: entry.providerNumber, date: formatDate(entry.on), hours: entry.hours });
    const correct = button(t('app.correct'), 'link', () => startCorrecting(training ? 'training' : 'session', entry));
    correct.setAttribute('aria-label', t('app.correctEntry', { entry: summary }));
    const remove = button(t('app.remove'), 'link', () => removeEntry(training ? 'training' : 'session', entry));
    remove.setAttribute('aria-label', t('app.removeEntry', { entry: summary }));
    // An entry dated in a year the cycle does not judge (the year of the grant, say) counts toward nothing.
    const counted = progress.years.some((year) => String(year.year) === String(entry.on).slice(0, 4));
    return el('li', {}, el('span', { text: summary }),
      counted ? null : el('p', { className: 'hint', text: t('end.outsideCycle') }),
      el('div', { className: 'actions' }, correct, remove));
  }));
}

function renderRenewal() {
  const parts = [];
  parts.push(endorsement.renewal ? t(`end.renewal.${endorsement.renewal}`) : t('end.renewal.NONE'));
  if (endorsement.lateFee === 'DUE') {
    parts.push(t('end.lateFeeDue'));
  } else if (endorsement.lateFee === 'PAID') {
    parts.push(t('end.lateFeePaid'));
  }
  const state = document.getElementById('renewal-state');
  state.replaceChildren(parts.join(' '));
  const comments = endorsement.renewal === 'RETURNED' ? endorsement.renewalComments : null;
  byId('renewal-comments').hidden = !comments;
  byId('renewal-comments-text').textContent = comments || '';
  const lapsed = endorsement.status === 'LAPSED';
  document.getElementById('renewal-form').hidden = lapsed;
  document.getElementById('reinstatement-form').hidden = !lapsed || Boolean(endorsement.renewal);
  if (endorsement.lateFee === 'DUE' && endorsement.lateFeeInvoiceId) {
    state.append(' ', el('a', { href: `/pay.html?invoice=${encodeURIComponent(endorsement.lateFeeInvoiceId)}`,
      text: t('end.payLateFee') }));
  }
  document.getElementById('transfer-state').textContent = endorsement.transferTo
    ? t('end.transferRequested', { to: t(`tenant.${endorsement.transferTo}`) }) : '';
  const select = byId('transfer-toTenantId', HTMLSelectElement);
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: t('field.choose') }),
    ...ASSOCIATIONS.filter((code) => code !== (tenant || endorsement.tenantId))
      .map((code) => el('option', { value: code, text: t(`tenant.${code}`) })));
  select.value = chosen;
}

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
  document.getElementById('evidence-state').textContent = audit ? t(`end.audit.${audit.state}`) : '';
  document.getElementById('evidence-list').replaceChildren(...(items.length ? items.map(evidenceEntry)
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
  /** @type {HTMLElement} */ (replaces.closest('.field')).hidden = !returned.length;
}

async function loadEvidence() {
  const answer = await callApi(`${base}/evidence`);
  evidence = answer.ok ? answer.body : null;
}

/** A file attached as evidence: sent again with the same key when no answer came, so that it is kept once. */
async function attachEvidence(event) {
  event.preventDefault();
  const form = event.target;
  clearProblems(form);
  const file = form.elements.file.files[0];
  if (!file) {
    showProblem(form, { errors: [{ field: 'file', rule: 'NotNull' }] });
    return;
  }
  const fields = { year: form.elements.year.value, replaces: form.elements.replaces.value };
  const data = new FormData();
  data.append('file', file);
  data.append('year', fields.year);
  if (fields.replaces) {
    data.append('replaces', fields.replaces);
  }
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  announce(status, t('app.sending'));
  try {
    const key = evidenceKeys.keyFor('evidence', { ...fields, name: file.name, size: file.size, at: file.lastModified });
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
  renderSummary();
  renderHours();
  renderRenewal();
  renderEvidence();
  Object.entries(forms).forEach(([key, { form }]) => {
    const correcting = Boolean(form.dataset.entryId);
    document.getElementById(`${key}-summary`).textContent = t(correcting ? `end.correct.${key}` : `end.log.${key}`);
    document.getElementById(`${key}-cancel`).hidden = !correcting;
  });
}

function startCorrecting(key, entry) {
  const { form, fields } = forms[key];
  clearProblems(form);
  form.dataset.entryId = entry.entryId;
  fill(form, fields, key === 'training'
    ? { title: entry.title, attendedOn: entry.on, hours: entry.hours, deiHours: entry.deiHours }
    : { providerNumber: entry.providerNumber, sessionOn: entry.on, hours: entry.hours });
  byId(`${key}-details`, HTMLDetailsElement).open = true;
  render();
  form.querySelector('input').focus();
}

function stopCorrecting(key) {
  const { form } = forms[key];
  delete form.dataset.entryId;
  form.reset();
  clearProblems(form);
  render();
}

async function saveEntry(event, key) {
  event.preventDefault();
  const { form, fields, path } = forms[key];
  clearProblems(form);
  const entryId = form.dataset.entryId;
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  announce(status, t('app.saving'));
  try {
    const answer = await callApi(`${base}/${path}${entryId ? `/${encodeURIComponent(entryId)}` : ''}`,
      { method: entryId ? 'PUT' : 'POST', json: valuesOf(form, fields) });
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(form, answer.body);
      return;
    }
    progress = answer.body;
    delete form.dataset.entryId;
    form.reset();
    render();
    announce(status, `${t(entryId ? 'app.corrected' : 'end.logged')} ${t(progress.met ? 'end.hoursMet' : 'end.hoursMissing')}`);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

async function removeEntry(key, entry) {
  announce(status, t('app.saving'));
  const answer = await callApi(`${base}/${forms[key].path}/${encodeURIComponent(entry.entryId)}`, { method: 'DELETE' });
  if (!answer.ok) {
    announce(status, (answer.body && answer.body.detail) || t('error.unexpected'));
    return;
  }
  progress = answer.body;
  render();
  announce(status, t('app.removed'));
  document.getElementById('hours-heading').focus();
}

/** A command without fields (sign, renew, transfer): its refusal is shown in the form, its result announced. */
async function act(event, path, json, done) {
  event.preventDefault();
  const form = event.target;
  clearProblems(form);
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  announce(status, t('app.sending'));
  try {
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
  document.getElementById(`${key}-fields`).replaceChildren(...fields.map((spec) => control(key, spec)));
  form.addEventListener('submit', (event) => saveEntry(event, key));
  document.getElementById(`${key}-cancel`).addEventListener('click', () => stopCorrecting(key));
});
document.getElementById('ethics-form').addEventListener('submit', (event) => act(event, 'code-of-ethics', undefined,
  (answer) => { progress = answer; render(); announce(status, t('end.signed')); }));
document.getElementById('renewal-form').addEventListener('submit', (event) => act(event, 'renewal', undefined,
  async (answer) => { endorsement = answer; await loadEvidence(); render(); announce(status, t('end.renewed')); }));
document.getElementById('reinstatement-form').addEventListener('submit', (event) => act(event, 'reinstatement',
  undefined, (answer) => { endorsement = answer; render(); announce(status, t('end.reinstatementAsked')); }));
document.getElementById('transfer-form').addEventListener('submit', (event) => {
  const toTenantId = field(/** @type {HTMLFormElement} */ (event.target), 'toTenantId').value;
  act(event, 'transfer', { toTenantId },
    (answer) => { endorsement = answer; render(); announce(status, t('end.transferAsked')); });
});
document.getElementById('evidence-form').addEventListener('submit', attachEvidence);
document.getElementById('share-copy').addEventListener('click', copyShareLink);
document.getElementById('signature-html-copy').addEventListener('click', () => copy('signature-html'));
document.getElementById('signature-text-copy').addEventListener('click', () => copy('signature-text'));
document.getElementById('hours-heading').tabIndex = -1;
onLanguage(render);

const page = await startPage({ screens: ['portal', 'application', 'endorsement'], roles: ['APPLICANT', 'ENDORSEE'] });
tenant = page.tenant;
status.textContent = t('end.loading');
const answer = await callApi(base);
if (!answer.ok) {
  status.textContent = answer.status === 404 ? t('end.notFound') : t('end.loadFailed');
} else {
  endorsement = answer.body;
  const hours = await callApi(`${base}/progress`);
  progress = hours.ok ? hours.body : null;
  await loadEvidence();
  if (endorsement.status === 'ACTIVE') {
    // Public: the badge's pictures and sharing details come from the registry, for active endorsements only.
    const shared = await getJson(`/api/registry/endorsements/${encodeURIComponent(endorsement.endorsementNumber)}/sharing`,
      { fresh: true });
    sharing = shared.ok ? shared.body : null;
  }
  document.getElementById('end-body').hidden = false;
  status.textContent = '';
  render();
}
