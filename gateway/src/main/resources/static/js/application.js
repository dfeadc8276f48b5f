// One application as its applicant sees it: the portfolio in sections, each with add, correct and remove while it
// is theirs to change; the requirement check ("what I still need") refreshed after every change; the raters and
// their statuses; submission; then the fees, the review and the exam as they progress; withdrawal.
import { onLanguage, t, formatDate, phrase, phrases } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems, requestKeys } from './api.js';
import { el, byId, field, find } from './dom.js';
import { button, money, formatInstant, statusTag, fact, announce, control, valuesOf, fill } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * @typedef {import('./views.js').ApplicationView} ApplicationView
 * @typedef {import('./views.js').InvoiceView} InvoiceView
 * @typedef {import('./views.js').RequirementResult} RequirementResult
 * @typedef {import('./portal-kit.js').ControlSpec} ControlSpec
 */

/**
 * A portfolio entry as the applicant recorded it: an education, a work, a training or a supervision; the API names
 * its kind, or its fields tell it.
 *
 * @typedef {{ kind?: string, degree?: string, field?: string, institution?: string, year?: number, role?: string,
 *   employer?: string, startedOn?: string, endedOn?: string | null, hoursPerWeek?: number, populations?: string[],
 *   title?: string, provider?: string, attendedOn?: string, hours?: number, domains?: string[], heldOn?: string,
 *   format?: string, providerEndorsementNumber?: string }} PortfolioEntry
 * @typedef {{ entryId: string, entry: PortfolioEntry }} PortfolioItem
 * @typedef {{ attachmentId: string, entryId: string, fileName: string, size: number }} Attachment
 * @typedef {{ providerName: string, providerEndorsementNumber: string, entryIds: string[], status: string }}
 *   Confirmation
 * @typedef {{ referenceId: string, name: string, email: string, relationship: string, waivesAccess: boolean,
 *   status: string, doesNotCount: string | null, whyNotCounted: import('./i18n.js').Phrase | null,
 *   linkExpiresAt: string | null }} Rater
 * @typedef {{ section: string, text: string, writtenAt?: string }} Comment
 * @typedef {{ attempt: number, sittingOn: string, result: string | null }} ExamAttempt
 * @typedef {{ key: string, path: string, kind: string, fields: ControlSpec[] }} Section
 */

const DOMAINS = ['THEORETICAL_FOUNDATIONS', 'LAW_REGULATION_AND_AGENCY_POLICY', 'SYSTEMS_EXPERTISE',
  'DIRECT_SERVICE_SKILLS', 'WORKING_WITH_OTHERS', 'COMMUNICATING', 'THINKING', 'REFLECTION', 'ADMINISTRATION',
  'RESEARCH_AND_EVALUATION'];

// The portfolio's sections: the API's path for each kind of entry, the kind its entries carry, and their fields
// (named as the API names them, so that its errors land next to them).
/** @type {Section[]} */
const SECTIONS = [
  {
    key: 'education', path: 'education', kind: 'education', fields: [
      { name: 'degree', type: 'select', options: ['ASSOCIATE', 'BACHELOR', 'MASTER', 'DOCTORATE'], optionPrefix: 'degree' },
      { name: 'field' },
      { name: 'institution' },
      { name: 'year', type: 'number', inputmode: 'numeric' },
    ],
  },
  {
    key: 'work', path: 'work', kind: 'work', fields: [
      { name: 'role' },
      { name: 'employer' },
      { name: 'startedOn', type: 'date' },
      { name: 'endedOn', type: 'date', hint: 'hint.endedOn' },
      { name: 'hoursPerWeek', type: 'number', inputmode: 'numeric' },
      { name: 'paid', type: 'checkbox' },
      { name: 'populations', type: 'choices', choices: ['PRENATAL', 'INFANTS', 'TODDLERS', 'PRESCHOOLERS', 'FAMILIES'],
        choicePrefix: 'population' },
      { name: 'activities', type: 'choices', choices: ['PROVIDING_RSC', 'LEADERSHIP'], choicePrefix: 'activity' },
    ],
  },
  {
    key: 'trainings', path: 'trainings', kind: 'training', fields: [
      { name: 'title' },
      { name: 'provider' },
      { name: 'attendedOn', type: 'date' },
      { name: 'hours', type: 'number', step: '0.5', inputmode: 'decimal' },
      { name: 'domains', type: 'choices', choices: DOMAINS, choicePrefix: 'domain' },
    ],
  },
  {
    key: 'supervision', path: 'supervision', kind: 'supervision', fields: [
      { name: 'heldOn', type: 'date' },
      { name: 'hours', type: 'number', step: '0.5', inputmode: 'decimal' },
      { name: 'format', type: 'select', options: ['INDIVIDUAL', 'GROUP', 'PEER'], optionPrefix: 'format' },
      { name: 'providerEndorsementNumber', hint: 'hint.providerEndorsementNumber' },
      { name: 'aboutProvidingRsc', type: 'checkbox' },
    ],
  },
];
/** @type {ControlSpec[]} */
const RATER_FIELDS = [
  { name: 'name', label: 'field.raterName', autocomplete: 'off' },
  { name: 'email', label: 'field.raterEmail', type: 'email', autocomplete: 'off' },
  { name: 'relationship', type: 'select', options: ['CURRENT_SUPERVISOR', 'RSC_PROVIDER', 'OTHER'],
    optionPrefix: 'relationship' },
  { name: 'waivesAccess', type: 'checkbox', hint: 'hint.waivesAccess' },
];
/** @type {Record<string, string>} the section of the reviewers' comments each section of the portfolio is */
const COMMENTED = { education: 'EDUCATION', work: 'WORK', trainings: 'TRAINING', supervision: 'REFLECTIVE_SUPERVISION',
  references: 'REFERENCES' };
const EDITABLE = ['DRAFT', 'RETURNED'];
const GOOD = ['GRANTED', 'PORTFOLIO_APPROVED', 'EXAM_PASSED'];
const WARNING = ['RETURNED', 'DENIED', 'EXAM_FAILED', 'SUBMITTED'];

const id = new URLSearchParams(location.search).get('id') || '';
const base = `/api/applications/${encodeURIComponent(id)}`;
const status = byId('app-status');
const raterForm = byId('rater-form', HTMLFormElement);
const submitForm = byId('submit-form', HTMLFormElement);
const withdrawForm = byId('withdraw-form', HTMLFormElement);
const confirmForm = byId('confirm-form', HTMLFormElement);
/** @type {ControlSpec[]} */
const CONFIRM_FIELDS = [
  { name: 'providerEndorsementNumber' },
  { name: 'providerName', autocomplete: 'off' },
  { name: 'providerEmail', type: 'email', autocomplete: 'off' },
];

/**
 * @type {{ application: ApplicationView | null, portfolio: PortfolioItem[], attachments: Attachment[],
 *   confirmations: Confirmation[], requirements: RequirementResult[], raters: Rater[],
 *   invoices: InvoiceView[] | null, comments: Comment[], exam: ExamAttempt[] }}
 */
const state = {
  application: null, portfolio: [], attachments: [], confirmations: [], requirements: [], raters: [],
  invoices: null, comments: [], exam: [],
};
let invoicePolls = 0;

/**
 * The kind of a portfolio entry: as the API names it, or from its fields.
 *
 * @param {PortfolioEntry} entry
 */
function kindOf(entry) {
  if (entry.kind) {
    return entry.kind;
  }
  if ('degree' in entry) {
    return 'education';
  }
  if ('employer' in entry) {
    return 'work';
  }
  return 'heldOn' in entry ? 'supervision' : 'training';
}

function editable() {
  return state.application !== null && EDITABLE.includes(state.application.status);
}

/** Whether the application was ever submitted: only then are there fees (a draft withdrawn has none). */
function handedIn() {
  return Boolean(state.application && state.application.submittedAt);
}

/** @param {PortfolioEntry} entry */
function entrySummary(entry) {
  switch (kindOf(entry)) {
    case 'education':
      return t('entry.education', { degree: t(`degree.${entry.degree}`), field: entry.field,
        institution: entry.institution, year: entry.year });
    case 'work':
      return t('entry.work', { role: entry.role, employer: entry.employer, from: formatDate(entry.startedOn),
        to: entry.endedOn ? formatDate(entry.endedOn) : t('entry.now'), hours: entry.hoursPerWeek,
        populations: (entry.populations || []).map((p) => t(`population.${p}`)).join(', ') });
    case 'training':
      return t('entry.training', { title: entry.title, provider: entry.provider, date: formatDate(entry.attendedOn),
        hours: entry.hours, domains: (entry.domains || []).map((d) => t(`domain.${d}`)).join(', ') });
    default:
      return t('entry.supervision', { date: formatDate(entry.heldOn), hours: entry.hours,
        format: t(`format.${entry.format}`), provider: entry.providerEndorsementNumber });
  }
}

// ---- the requirement check ----

function renderNeeds() {
  const missing = state.requirements.filter((requirement) => !requirement.met);
  byId('needs-summary').textContent = missing.length
    ? t('app.needsCount', { count: missing.length }) : t('app.needsNone');
  byId('needs').replaceChildren(...state.requirements.map((requirement) => el('li', {
    className: requirement.met ? 'met' : 'missing',
  }, el('strong', { text: `${t(`requirement.${requirement.requirement}`)} (${t(requirement.met ? 'app.met'
    : 'app.missing')}): ` }), phrases(requirement.phrases) || requirement.detail)));
}

// ---- the portfolio ----

/**
 * What the reviewers who returned the application ask of one section, where the applicant changes it.
 *
 * @param {string} key the section's key
 */
function returnedNotes(key) {
  const application = state.application;
  const asked = application && application.status === 'RETURNED'
    ? (application.comments || []).filter((comment) => comment.section === COMMENTED[key]) : [];
  return asked.length ? [el('div', { className: 'notice warning' }, el('p', {}, el('strong', { text: t('app.reviewersAsk') })),
    el('ul', {}, asked.map((comment) => el('li', { text: comment.comment }))))] : [];
}

/** @param {Section} section */
function sectionElement(section) {
  const form = el('form', { id: `${section.key}-form`, noValidate: true, attrs: { 'aria-labelledby': `${section.key}-summary` } },
    section.fields.map((spec) => control(section.key, spec)),
    el('p', { className: 'field-error form-error', attrs: { role: 'alert' } }),
    el('div', { className: 'actions' },
      el('button', { type: 'submit', className: 'primary', id: `${section.key}-submit` }),
      button('', 'secondary', () => stopCorrecting(section))));
  find(form, '.actions .secondary').id = `${section.key}-cancel`;
  form.addEventListener('submit', (event) => saveEntry(event, section));
  return el('section', { className: 'card', id: `${section.key}-section`, attrs: { 'aria-labelledby': `${section.key}-heading` } },
    el('h2', { id: `${section.key}-heading` }),
    el('div', { id: `${section.key}-returned` }),
    el('ul', { className: 'entries', id: `${section.key}-entries` }),
    el('p', { className: 'hint', id: `${section.key}-none` }),
    el('details', { id: `${section.key}-details` }, el('summary', { id: `${section.key}-summary` }), form));
}

/** @param {Section} section */
function renderSection(section) {
  const form = byId(`${section.key}-form`);
  const correcting = Boolean(form.dataset.entryId);
  byId(`${section.key}-heading`).textContent = t(`section.${section.key}`);
  byId(`${section.key}-summary`).textContent = t(correcting ? `correct.${section.key}`
    : `add.${section.key}`);
  byId(`${section.key}-submit`).textContent = t(correcting ? 'app.saveCorrection' : 'app.add');
  const cancel = byId(`${section.key}-cancel`);
  cancel.textContent = t('app.cancel');
  cancel.hidden = !correcting;
  byId(`${section.key}-details`).hidden = !editable();
  byId(`${section.key}-returned`).replaceChildren(...returnedNotes(section.key));
  const entries = state.portfolio.filter((item) => kindOf(item.entry) === section.kind);
  const none = byId(`${section.key}-none`);
  none.textContent = t('app.noEntries');
  none.hidden = entries.length > 0;
  byId(`${section.key}-entries`).replaceChildren(...entries.map((item) => {
    const summary = entrySummary(item.entry);
    // The entry's own actions come before its files', so that the first "Remove" of an entry is the entry's.
    return el('li', {}, el('span', { text: summary }), editable() ? el('div', { className: 'actions' },
      labelled(button(t('app.correct'), 'link', () => startCorrecting(section, item)),
        t('app.correctEntry', { entry: summary })),
      labelled(button(t('app.remove'), 'link', () => removeEntry(item)), t('app.removeEntry', { entry: summary })))
      : null, attachmentsOf(item), editable() ? attachForm(item) : null);
  }));
}

// ---- the files attached to an entry ----

/**
 * The entry's files, each with a way to take it off while the portfolio is the applicant's to change.
 *
 * @param {PortfolioItem} item
 */
function attachmentsOf(item) {
  const files = state.attachments.filter((attachment) => attachment.entryId === item.entryId);
  return files.length ? el('ul', { className: 'attachments' }, files.map((file) => el('li', {},
    el('span', { text: t('app.file', { name: file.fileName, size: Math.ceil(file.size / 1024) }) }),
    editable() ? labelled(button(t('app.remove'), 'link', () => removeAttachment(file)),
      t('app.removeFile', { name: file.fileName })) : null))) : null;
}

/** @param {PortfolioItem} item */
function attachForm(item) {
  const inputId = `attach-${item.entryId}`;
  const input = el('input', { type: 'file', id: inputId, name: 'file', accept: 'application/pdf,image/*',
    attrs: { 'aria-describedby': `${inputId}-error` } });
  const form = el('form', { className: 'attach', noValidate: true },
    el('label', { htmlFor: inputId, text: t('app.attachFile') }), input,
    el('p', { className: 'field-error', id: `${inputId}-error` }),
    el('p', { className: 'field-error form-error', attrs: { role: 'alert' } }));
  input.addEventListener('change', () => attach(item, form, input));
  return form;
}

/**
 * @param {PortfolioItem} item
 * @param {HTMLFormElement} form
 * @param {HTMLInputElement} input
 */
async function attach(item, form, input) {
  clearProblems(form);
  const file = input.files ? input.files[0] : undefined;
  if (!file) {
    return;
  }
  const body = new FormData();
  body.append('file', file, file.name);
  announce(status, t('app.attaching'));
  try {
    // The platform knows the file by its bytes: the same file sent again after no answer is attached once.
    const answer = await callApi(`${base}/portfolio/${encodeURIComponent(item.entryId)}/attachments`,
      { method: 'POST', body });
    if (!answer.ok) {
      status.textContent = t('app.notAttached');
      showProblem(form, answer.body);
      return;
    }
    await refreshPortfolio();
    announce(status, t('app.attached', { name: file.name }));
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  }
}

/** @param {Attachment} file */
async function removeAttachment(file) {
  announce(status, t('app.saving'));
  const answer = await callApi(`${base}/portfolio/attachments/${encodeURIComponent(file.attachmentId)}`,
    { method: 'DELETE' });
  if (!answer.ok) {
    announce(status, (answer.body && answer.body.detail) || t('error.unexpected'));
    return;
  }
  await refreshPortfolio();
  announce(status, t('app.fileRemoved', { name: file.fileName }));
}

// ---- the supervision provider's confirmation ----

function renderConfirmations() {
  const supervised = state.portfolio.some((item) => kindOf(item.entry) === 'supervision');
  const open = state.application !== null && !['GRANTED', 'DENIED', 'WITHDRAWN'].includes(state.application.status);
  byId('confirm-section').hidden = !supervised && !state.confirmations.length;
  byId('confirm-details').hidden = !supervised || !open;
  byId('confirmations').replaceChildren(...state.confirmations.map((asked) => el('li', {},
    el('span', { text: t('app.confirmation', { name: asked.providerName, number: asked.providerEndorsementNumber,
      sessions: asked.entryIds.length }) }), ' ',
    statusTag('confirmation', asked.status, ['CONFIRMED'], ['CORRECTED']))));
}

/** @param {SubmitEvent} event */
async function askConfirmation(event) {
  event.preventDefault();
  clearProblems(confirmForm);
  const submit = find(confirmForm, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.saving'));
  try {
    const json = valuesOf(confirmForm, CONFIRM_FIELDS);
    /** @type {Answer<Confirmation>} */
    const answer = await callApi(`${base}/portfolio/supervision-confirmations`,
      { method: 'POST', json, idempotencyKey: keys.keyFor('confirm', json) });
    keys.answered('confirm');
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(confirmForm, answer.body);
      return;
    }
    confirmForm.reset();
    await refreshPortfolio();
    announce(status, t('app.confirmationAsked', { name: answer.body.providerName }));
  } catch (unreachable) {
    status.textContent = '';
    showProblem(confirmForm, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

/**
 * @template {Element} E
 * @param {E} element
 * @param {string} label
 * @returns {E}
 */
function labelled(element, label) {
  element.setAttribute('aria-label', label);
  return element;
}

/**
 * @param {Section} section
 * @param {PortfolioItem} item
 */
function startCorrecting(section, item) {
  const form = byId(`${section.key}-form`, HTMLFormElement);
  clearProblems(form);
  form.dataset.entryId = item.entryId;
  fill(form, section.fields, item.entry);
  byId(`${section.key}-details`, HTMLDetailsElement).open = true;
  renderSection(section);
  find(form, 'input, select').focus();
}

/** @param {Section} section */
function stopCorrecting(section) {
  const form = byId(`${section.key}-form`, HTMLFormElement);
  delete form.dataset.entryId;
  form.reset();
  clearProblems(form);
  renderSection(section);
}

// A new entry sent again after no answer (the network, a restart) keeps its key and is recorded once.
const keys = requestKeys();

/**
 * @param {SubmitEvent} event
 * @param {Section} section
 */
async function saveEntry(event, section) {
  event.preventDefault();
  const form = byId(`${section.key}-form`, HTMLFormElement);
  clearProblems(form);
  const entryId = form.dataset.entryId;
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.saving'));
  try {
    const json = valuesOf(form, section.fields);
    const answer = await callApi(`${base}/portfolio/${section.path}${entryId ? `/${encodeURIComponent(entryId)}` : ''}`,
      { method: entryId ? 'PUT' : 'POST', json, idempotencyKey: entryId ? undefined : keys.keyFor(section.key, json) });
    keys.answered(section.key);
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(form, answer.body);
      return;
    }
    delete form.dataset.entryId;
    form.reset();
    await refreshPortfolio();
    announce(status, afterChange(entryId ? 'app.corrected' : 'app.added'));
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

/** @param {PortfolioItem} item */
async function removeEntry(item) {
  announce(status, t('app.saving'));
  const answer = await callApi(`${base}/portfolio/${encodeURIComponent(item.entryId)}`, { method: 'DELETE' });
  if (!answer.ok) {
    announce(status, (answer.body && answer.body.detail) || t('error.unexpected'));
    return;
  }
  await refreshPortfolio();
  announce(status, afterChange('app.removed'));
  byId('needs-heading').focus();
}

/**
 * What a change did to the gap list, in one sentence for the status region.
 *
 * @param {string} what
 */
function afterChange(what) {
  const missing = state.requirements.filter((requirement) => !requirement.met).length;
  return `${t(what)} ${missing ? t('app.needsCount', { count: missing }) : t('app.needsNone')}`;
}

// ---- references ----

/** @param {Rater} rater */
function raterItem(rater) {
  const good = ['COMPLETED'];
  const warning = ['LINK_EXPIRED', 'DOES_NOT_COUNT'];
  const lines = [
    el('strong', { text: rater.name }), ` (${t(`relationship.${rater.relationship}`)}, ${rater.email}) `,
    statusTag('raterStatus', rater.status, good, warning),
  ];
  if (rater.status === 'INVITED' && rater.linkExpiresAt) {
    lines.push(el('p', { className: 'hint', text: t('app.linkUntil', { date: formatInstant(rater.linkExpiresAt) }) }));
  }
  if (rater.doesNotCount) {
    lines.push(el('p', { text: t('app.doesNotCount', { why: phrase(rater.whyNotCounted) || rater.doesNotCount }) }));
  }
  if (rater.waivesAccess) {
    lines.push(el('p', { className: 'hint', text: t('app.waived') }));
  }
  const open = editable() && !['COMPLETED', 'REPLACED'].includes(rater.status);
  const replaceable = editable() && rater.status !== 'REPLACED';
  if (open || replaceable) {
    lines.push(el('div', { className: 'actions' },
      open ? labelled(button(t('app.resend'), 'link', () => resend(rater)), t('app.resendTo', { name: rater.name })) : null,
      replaceable ? labelled(button(t('app.replace'), 'link', () => startReplacing(rater)),
        t('app.replaceRater', { name: rater.name })) : null));
  }
  return el('li', { className: 'rater', dataset: { rater: rater.email } }, lines);
}

function renderRaters() {
  byId('raters').replaceChildren(...state.raters.map(raterItem));
  byId('references-returned').replaceChildren(...returnedNotes('references'));
  byId('rater-details').hidden = !editable();
  const replacing = state.raters.find((rater) => rater.referenceId === raterForm.dataset.replacing);
  const notice = byId('rater-replacing');
  notice.hidden = !replacing;
  notice.textContent = replacing ? t('app.replacing', { name: replacing.name }) : '';
  byId('rater-cancel').hidden = !replacing;
  if (!byId('rater-fields').childElementCount) {
    byId('rater-fields').replaceChildren(...RATER_FIELDS.map((spec) => control('rater', spec)));
  }
}

/** @param {Rater} rater */
function startReplacing(rater) {
  raterForm.dataset.replacing = rater.referenceId;
  clearProblems(raterForm);
  byId('rater-details', HTMLDetailsElement).open = true;
  renderRaters();
  find(raterForm, '[name=name]').focus();
}

/** @param {Rater} rater */
async function resend(rater) {
  announce(status, t('app.sending'));
  const answer = await callApi(`${base}/references/${encodeURIComponent(rater.referenceId)}/link`, { method: 'POST' });
  if (!answer.ok) {
    announce(status, (answer.body && answer.body.detail) || t('error.unexpected'));
    return;
  }
  await refreshReferences();
  announce(status, t('app.resent', { name: rater.name }));
}

/** @param {SubmitEvent} event */
async function nameRater(event) {
  event.preventDefault();
  clearProblems(raterForm);
  const replacing = raterForm.dataset.replacing;
  const submit = find(raterForm, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('app.sending'));
  try {
    const path = replacing ? `${base}/references/${encodeURIComponent(replacing)}/replacement` : `${base}/references`;
    /** @type {Answer<Rater>} */
    const answer = await callApi(path, { method: 'POST', json: valuesOf(raterForm, RATER_FIELDS) });
    if (!answer.ok) {
      status.textContent = t('app.notSaved');
      showProblem(raterForm, answer.body);
      return;
    }
    delete raterForm.dataset.replacing;
    raterForm.reset();
    await refreshReferences();
    announce(status, `${t('app.raterNamed', { name: answer.body.name })} ${afterChange('app.nothing')}`);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(raterForm, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

// ---- submission, fees, review, withdrawal ----

/** @param {SubmitEvent} event */
async function submitApplication(event) {
  event.preventDefault();
  clearProblems(submitForm);
  const unmetList = byId('submit-unmet');
  unmetList.replaceChildren();
  const submit = find(submitForm, 'button[type=submit]', HTMLButtonElement);
  const again = state.application !== null && state.application.status === 'RETURNED';
  submit.disabled = true;
  announce(status, t('app.submitting'));
  try {
    /** @type {Answer<ApplicationView>} */
    const answer = await callApi(`${base}/submission`, { method: 'POST' });
    if (!answer.ok) {
      status.textContent = t('app.notSubmitted');
      /** @type {import('./api.js').Problem & { unmet?: RequirementResult[] }} */
      const problem = answer.body || {};
      showProblem(submitForm, { detail: problem.rule === 'requirements-unmet' ? t('app.unmet') : problem.detail });
      (problem.unmet || []).forEach((requirement) => unmetList.append(el('li', { className: 'missing' },
        el('strong', { text: `${t(`requirement.${requirement.requirement}`)}: ` }),
        phrases(requirement.phrases) || requirement.detail)));
      return;
    }
    state.application = answer.body;
    invoicePolls = 0;
    await Promise.all([refreshFees(), refreshReview()]);
    render();
    announce(status, t(again ? 'app.resubmitted' : 'app.submitted'));
    byId('fees-heading').focus();
  } catch (unreachable) {
    status.textContent = '';
    showProblem(submitForm, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

function renderFees() {
  const application = state.application;
  const section = byId('fees-section');
  section.hidden = !handedIn();
  if (!application || section.hidden) {
    return;
  }
  const invoices = state.invoices || [];
  const table = byId('invoices');
  table.hidden = invoices.length === 0;
  byId('fees-status').textContent = invoices.length ? ''
    : t(state.invoices === null ? 'app.invoicesUnavailable' : 'app.invoicePending');
  find(table, 'tbody').replaceChildren(...invoices.map((invoice) => {
    const owing = invoice.outstanding && invoice.outstanding.cents > 0 && !['PAID', 'VOID'].includes(invoice.status);
    const paid = invoice.status === 'PAID';
    return el('tr', { dataset: { invoice: invoice.invoiceId } },
      el('td', { text: invoice.invoiceId }),
      el('td', {}, money(invoice.total),
        el('ul', { className: 'hint' }, (invoice.lines || []).map((line) => el('li', {
          text: `${phrase(line.phrase) || line.description}: ${money(line.amount)}` })))),
      el('td', { text: money(invoice.outstanding) }),
      el('td', {}, el('span', { className: paid ? 'tag good' : (owing ? 'tag warning' : 'tag'),
        text: t(`invoiceStatus.${invoice.status}`) })),
      el('td', { text: formatDate(invoice.dueOn) }),
      el('td', {}, owing ? el('a', { href: `/pay.html?invoice=${encodeURIComponent(invoice.invoiceId)}`,
        text: t('app.payInvoice'), attrs: { 'aria-label': t('app.payInvoiceLabel', { invoice: invoice.invoiceId,
          amount: money(invoice.outstanding) }) } }) : ''));
  }));
}

function renderReview() {
  const application = state.application;
  const section = byId('review-section');
  section.hidden = !application || ['DRAFT', 'SUBMITTED'].includes(application.status)
    && state.comments.length === 0;
  if (!application || section.hidden) {
    return;
  }
  /** @type {HTMLElement[]} */
  const parts = [el('p', {}, statusTag('status', application.status, GOOD, WARNING), ' ',
    t(`statusDetail.${application.status}`))];
  if (application.status === 'GRANTED' && application.endorsementNumber) {
    parts.push(el('p', {}, el('a', { href: `/endorsement.html?number=${encodeURIComponent(application.endorsementNumber)}`,
      text: t('app.seeEndorsement', { number: application.endorsementNumber }) })));
  }
  (application.reasons || []).forEach((reason) => parts.push(el('p', { text: reason })));
  state.exam.forEach((attempt) => parts.push(el('p', { text: t('app.examAttempt', {
    attempt: attempt.attempt, date: formatDate(attempt.sittingOn),
    result: attempt.result ? t(`examResult.${attempt.result}`) : t('examResult.PENDING'),
  }) })));
  /** @type {Comment[]} */
  const comments = [...(application.comments || []).map((c) => ({ section: c.section, text: c.comment })),
    ...state.comments];
  if (comments.length) {
    parts.push(el('h3', { text: t('app.comments') }), el('ul', { className: 'entries' }, comments.map((comment) => el('li', {},
      el('strong', { text: `${t(`commentSection.${comment.section}`)}: ` }), comment.text,
      comment.writtenAt ? el('span', { className: 'hint', text: ` (${formatInstant(comment.writtenAt)})` }) : null))));
  }
  byId('review-body').replaceChildren(...parts);
}

/** @param {SubmitEvent} event */
async function withdraw(event) {
  event.preventDefault();
  clearProblems(withdrawForm);
  if (!find(withdrawForm, '[name=confirm]', HTMLInputElement).checked) {
    showProblem(withdrawForm, { detail: t('app.withdrawConfirmFirst') });
    return;
  }
  /** @type {Answer<ApplicationView>} */
  const answer = await callApi(`${base}/withdrawal`, {
    method: 'POST', json: { reason: field(withdrawForm, 'reason').value.trim() || null },
  });
  if (!answer.ok) {
    showProblem(withdrawForm, answer.body);
    return;
  }
  state.application = answer.body;
  render();
  announce(status, t('app.withdrawn'));
}

// ---- loading and drawing ----

async function refreshPortfolio() {
  const [portfolio, requirements, attachments, confirmations] = await Promise.all([
    /** @type {Promise<Answer<PortfolioItem[]>>} */ (callApi(`${base}/portfolio`)),
    /** @type {Promise<Answer<RequirementResult[]>>} */ (callApi(`${base}/requirements`)),
    /** @type {Promise<Answer<Attachment[]>>} */ (callApi(`${base}/portfolio/attachments`)),
    /** @type {Promise<Answer<Confirmation[]>>} */ (callApi(`${base}/portfolio/supervision-confirmations`))]);
  state.portfolio = portfolio.ok ? portfolio.body : state.portfolio;
  // Where the platform keeps no files (503), the entries show none.
  state.attachments = attachments.ok ? attachments.body : [];
  state.confirmations = confirmations.ok ? confirmations.body : [];
  state.requirements = requirements.ok ? requirements.body : state.requirements;
  SECTIONS.forEach(renderSection);
  renderNeeds();
  renderConfirmations();
}

async function refreshReferences() {
  const [raters, requirements] = await Promise.all([
    /** @type {Promise<Answer<Rater[]>>} */ (callApi(`${base}/references`)),
    /** @type {Promise<Answer<RequirementResult[]>>} */ (callApi(`${base}/requirements`))]);
  state.raters = raters.ok ? raters.body : state.raters;
  state.requirements = requirements.ok ? requirements.body : state.requirements;
  renderRaters();
  renderNeeds();
}

async function refreshFees() {
  if (!handedIn()) {
    return;
  }
  /** @type {Answer<InvoiceView[]>} */
  const answer = await callApi(`/api/payments/invoices?applicationId=${encodeURIComponent(id)}`);
  state.invoices = answer.ok ? answer.body : null;
  renderFees();
  // payment-service issues the invoice once it hears of the submission: look again for a minute.
  if (answer.ok && answer.body.length === 0 && invoicePolls < 20) {
    invoicePolls += 1;
    setTimeout(refreshFees, 3000);
  }
}

async function refreshReview() {
  const [comments, exam] = await Promise.all([/** @type {Promise<Answer<Comment[]>>} */ (callApi(`${base}/comments`)),
    /** @type {Promise<Answer<ExamAttempt[]>>} */ (callApi(`${base}/exam`))]);
  state.comments = comments.ok ? comments.body : [];
  state.exam = exam.ok ? exam.body : [];
}

function render() {
  const application = state.application;
  if (!application) {
    return;
  }
  byId('app-heading').textContent = t('app.headingFor', { category: t(`category.${application.category}`) });
  document.title = `${t('app.headingFor', { category: application.category })} - ${t('site.name')}`;
  byId('summary').hidden = false;
  byId('layout').hidden = false;
  byId('summary-facts').replaceChildren(
    ...fact(t('app.statusLabel'), statusTag('status', application.status, GOOD, WARNING)),
    ...fact(t('app.since'), formatInstant(application.statusSince)),
    ...fact(t('field.applicantName'), application.applicantName),
    ...fact(t('field.contactEmail'), application.contactEmail || ''));
  const notices = [];
  if (application.status === 'RETURNED') {
    notices.push(el('div', { className: 'notice warning' }, el('p', {}, el('strong', { text: t('app.returned') }))));
  }
  byId('summary-notices').replaceChildren(...notices);
  byId('needs-section').hidden = !EDITABLE.includes(application.status);
  byId('layout').classList.toggle('with-needs', EDITABLE.includes(application.status));
  byId('submit-section').hidden = !editable();
  // A returned application is handed in again, to the same reviewers and without new fees.
  const again = application.status === 'RETURNED';
  [['submit-heading', 'app.resubmitHeading', 'app.submitHeading'], ['submit-intro', 'app.resubmitIntro', 'app.submitIntro'],
    ['submit-button', 'app.resubmit', 'app.submit']].forEach(([elementId, returned, first]) => {
    const element = byId(elementId);
    element.dataset.i18n = again ? returned : first;
    element.textContent = t(element.dataset.i18n);
  });
  byId('withdraw-section').hidden = application.status === 'GRANTED'
    || ['DENIED', 'WITHDRAWN'].includes(application.status);
  SECTIONS.forEach(renderSection);
  renderNeeds();
  renderRaters();
  renderConfirmations();
  renderFees();
  renderReview();
}

raterForm.addEventListener('submit', nameRater);
byId('rater-cancel').addEventListener('click', () => {
  delete raterForm.dataset.replacing;
  raterForm.reset();
  clearProblems(raterForm);
  renderRaters();
});
submitForm.addEventListener('submit', submitApplication);
withdrawForm.addEventListener('submit', withdraw);
confirmForm.addEventListener('submit', askConfirmation);
byId('confirm-fields').replaceChildren(...CONFIRM_FIELDS.map((spec) => control('confirm', spec)));
byId('sections').prepend(...SECTIONS.map(sectionElement));
byId('needs-heading').tabIndex = -1;
byId('fees-heading').tabIndex = -1;
onLanguage(render);

await startPage({ screens: ['portal', 'application'], roles: ['APPLICANT', 'ENDORSEE'] });
status.textContent = t('app.loading');
/** @type {Answer<ApplicationView>} */
const answer = await callApi(base);
if (!answer.ok) {
  status.textContent = answer.status === 404 ? t('app.notFound') : t('app.loadFailed');
} else {
  state.application = answer.body;
  await Promise.all([refreshPortfolio(), refreshReferences(), refreshReview()]);
  render();
  status.textContent = '';
  refreshFees();
}
