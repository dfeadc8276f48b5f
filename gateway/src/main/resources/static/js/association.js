// /association.html: the association's admin (TENANT_ADMIN) changes its profile and adds fee schedule versions, each
// previewed (what changes, from when and until when) before it is saved; every policy part is listed with its versions.
// A platform admin (PLATFORM_ADMIN) chooses any association here, or adds one. Refusals of association-service name
// the field path in the record (fees[2].registration.1); the forms name their inputs by the same path within the
// part (registration.1), so that each refusal shows next to its input.
import { onLanguage, t, formatDate, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { table, parseCents, formatMoney } from './staff.js';
import { el, control, valuesOf, fill, announce } from './portal-kit.js';

// The Alliance's categories (the global catalogue's category.* names them); an association offers some or all.
const CATEGORIES = ['IFA', 'ECFA', 'IFS', 'ECFS', 'IMHS', 'ECMHS', 'IMHM-C', 'ECMHM-C', 'IMHM-P', 'ECMHM-P',
  'IMHM-R', 'ECMHM-R'];
const LANGUAGES = ['en', 'es'];
// The notices an association may stop the platform from mailing (it mails them itself); a rater's link is never one
// (NoticeKind in libs/contracts).
const NOTICES = ['application-started', 'application-submitted', 'application-resubmitted', 'application-returned',
  'application-denied', 'review-assigned', 'section-commented', 'exam-scheduled', 'exam-scoring-assigned',
  'exam-passed', 'exam-failed', 'endorsement-granted', 'invoice-issued', 'invoice-paid', 'renewal-opens-soon',
  'renewal-window-opened', 'renewal-closes-soon', 'renewal-received', 'renewal-returned', 'endorsement-renewed',
  'endorsement-lapsed', 'reinstatement-requested', 'endorsement-active-again', 'transfer-requested',
  'transfer-accepted'];

const PROFILE = [
  { name: 'name', autocomplete: 'organization' },
  { name: 'state', hint: 'hint.state' },
  { name: 'timeZone', hint: 'hint.timeZone' },
  { name: 'languages', type: 'choices', choices: LANGUAGES, choicePrefix: 'language' },
  { name: 'contact.email', type: 'email' },
  { name: 'contact.phone', type: 'tel' },
  { name: 'contact.address.street' },
  { name: 'contact.address.city' },
  { name: 'contact.address.state' },
  { name: 'contact.address.postalCode' },
  { name: 'coordinator.name' },
  { name: 'coordinator.email', type: 'email' },
  { name: 'mailFrom', type: 'email', hint: 'hint.mailFrom' },
  { name: 'noticesOff', type: 'choices', choices: NOTICES, choicePrefix: 'notice' },
  { name: 'categories', type: 'choices', choices: CATEGORIES, choicePrefix: 'category' },
  { name: 'badgeIssuer.name' },
  { name: 'references.linkLifetime', hint: 'hint.linkLifetime' },
  { name: 'references.minimumKnownMonths', type: 'number' },
  { name: 'references.notEnoughInformationLimit', type: 'number' },
];

const CREATE = [
  { name: 'code', hint: 'hint.code' },
  { name: 'name' },
  { name: 'state', hint: 'hint.state' },
  { name: 'timeZone', hint: 'hint.timeZone' },
  { name: 'languages', type: 'choices', choices: LANGUAGES, choicePrefix: 'language' },
  { name: 'badgeIssuer.name' },
];

const LEVELS = [1, 2, 3, 4];
const REQUIRED_AMOUNTS = [...LEVELS.map((level) => `registration.${level}`),
  ...LEVELS.map((level) => `processing.${level}`)];
const OPTIONAL_AMOUNTS = ['membershipDues', 'renewal', 'lateFee', 'reinstatement'];
const AMOUNTS = [...REQUIRED_AMOUNTS, ...OPTIONAL_AMOUNTS];
const FEES = [
  { name: 'effectiveFrom', type: 'date', hint: 'hint.effectiveFrom' },
  { name: 'currency', hint: 'hint.currency' },
  { name: 'dueDays', type: 'number' },
  ...AMOUNTS.map((name) => ({ name, inputmode: 'decimal', autocomplete: 'off' })),
];

const $ = (id) => document.getElementById(id);
const status = $('page-status');
const feeForm = $('fee-form');
const profileForm = $('profile-form');
const createForm = $('create-form');

let me = null;
let record = null;
let preview = null; // { version, answer }: what the admin saw, and saves

/** The value at a dotted path of an object ("contact.address.city"), or null. */
function at(object, path) {
  return path.split('.').reduce((value, key) => (value === null || value === undefined ? null : value[key]), object)
    ?? null;
}

/** Flat values keyed by dotted paths as one nested object. */
function nested(values) {
  const result = {};
  Object.entries(values).forEach(([path, value]) => {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce((object, key) => {
      object[key] = object[key] || {};
      return object[key];
    }, result);
    parent[keys[keys.length - 1]] = value;
  });
  return result;
}

/** The problem with each field path as the form names its input ("fees[2].registration.1" -> "registration.1"). */
function placed(problem, inputName) {
  if (!problem || !Array.isArray(problem.errors)) {
    return problem;
  }
  return { ...problem, errors: problem.errors.map((error) => ({ ...error, field: inputName(String(error.field)) })) };
}

function refused(form, answer, inputName = (field) => field) {
  if (!answer.body) {
    clearProblems(form);
    form.querySelector('.form-error').textContent = t('error.unexpected');
    return;
  }
  showProblem(form, placed(answer.body, inputName));
}

/** Today as the association counts days: the date in its time zone, yyyy-mm-dd. */
function associationToday() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: record.timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A day of the year (MM-DD) as the language writes it, "December 31". */
function monthDay(text) {
  if (!text) {
    return '';
  }
  const [month, day] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLanguage(), { month: 'long', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2000, month - 1, day)));
}

function money(cents, currency) {
  return cents === null || cents === undefined ? t('association.notCharged') : formatMoney({ cents, currency });
}

function yesNo(value) {
  return t(value ? 'association.yes' : 'association.no');
}

// --- Policy parts and their versions ------------------------------------------------------------------------------

/** Each part: its versions in the record, the columns of its table after "from" and "standing", and their cells. */
const PARTS = [
  {
    key: 'fees',
    versions: (association) => association.fees,
    heads: () => [t('association.currency'), t('association.registration'), t('association.processing'),
      t('field.membershipDues'), t('field.renewal'), t('field.lateFee'), t('field.reinstatement')],
    cells: (fees) => [fees.currency,
      LEVELS.map((level) => money(fees.registration[level], fees.currency)).join(' / '),
      LEVELS.map((level) => money(fees.processing[level], fees.currency)).join(' / '),
      money(fees.membershipDues, fees.currency), money(fees.renewal, fees.currency),
      money(fees.lateFee, fees.currency), money(fees.reinstatement, fees.currency)],
  },
  {
    key: 'renewal',
    versions: (association) => association.renewal,
    heads: () => [t('association.model'), t('association.window'), t('association.graceDays'),
      t('association.trainingHoursPerYear')],
    cells: (renewal) => [t(`association.model.${renewal.model}`),
      renewal.model === 'yearly'
        ? t('association.windowYearly', { opens: monthDay(renewal.opens), due: monthDay(renewal.due) })
        : t('association.windowFixed', { opens: monthDay(renewal.opens), closes: monthDay(renewal.closes),
          cycle: renewal.cycleYears, anchor: renewal.anchorYear }),
      String(renewal.graceDays ?? 0), String(renewal.trainingHoursPerYear ?? '')],
  },
  {
    key: 'requirements',
    versions: (association) => association.requirements,
    heads: () => [t('association.categoriesStated')],
    cells: (version) => [version.rules.flatMap((rule) => rule.categories).join(', ')],
  },
  {
    key: 'referenceForm',
    versions: (association) => (association.references ? association.references.forms : []),
    heads: () => [t('association.formVersion'), t('association.items')],
    cells: (form) => [String(form.version), String(form.items.length)],
  },
  {
    key: 'exam',
    versions: (association) => association.exam,
    heads: () => [t('association.passPercent'), t('association.retakeAfterMonths'),
      t('association.reviewersMayScore')],
    cells: (exam) => [`${exam.passPercent ?? 80} %`, String(exam.retakeAfterMonths ?? 12),
      yesNo(exam.reviewersMayScore)],
  },
  {
    key: 'membership',
    versions: (association) => association.membership,
    heads: () => [t('association.nextYearAfter'), t('association.requiredToApply')],
    cells: (membership) => [monthDay(membership.nextYearAfter), yesNo(membership.requiredToApply)],
  },
];

/** Versions from the earliest, each with the day the next one takes over (null: none planned). */
function timeline(versions) {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.map((version, index) => ({
    version, until: sorted[index + 1] ? sorted[index + 1].effectiveFrom : null,
  }));
}

function standing({ version, until }, today) {
  if (version.effectiveFrom > today) {
    return el('span', { className: 'tag', text: t('association.planned') });
  }
  if (until === null || until > today) {
    return el('span', { className: 'tag good', text: t('association.inForce') });
  }
  return el('span', { className: 'tag', text: t('association.earlier') });
}

function renderParts() {
  if (!record) {
    return;
  }
  const today = associationToday();
  $('parts').replaceChildren(...PARTS.map((part) => {
    const heading = t(`association.part.${part.key}`);
    const rows = timeline(part.versions(record)).map((entry) => [formatDate(entry.version.effectiveFrom),
      entry.until ? formatDate(entry.until) : t('association.onward'), standing(entry, today),
      ...part.cells(entry.version)]);
    return el('div', { id: `part-${part.key}` },
      el('h3', { text: heading }),
      table(t('association.versionsOf', { part: heading }),
        [t('association.from'), t('association.until'), t('association.standing'), ...part.heads()], rows));
  }));
}

// --- The profile ---------------------------------------------------------------------------------------------------

function profileValues() {
  return Object.fromEntries(PROFILE.map((spec) => [spec.name, at(record, spec.name)]));
}

function profileOf(values) {
  const shaped = nested(values);
  return {
    name: shaped.name,
    state: shaped.state,
    timeZone: shaped.timeZone,
    languages: shaped.languages,
    contact: shaped.contact,
    coordinator: shaped.coordinator,
    mailFrom: shaped.mailFrom,
    noticesOff: shaped.noticesOff,
    categories: shaped.categories,
    // The key itself is a secret the record never holds: only where it is kept, which the admin does not change here.
    badgeIssuer: { name: shaped.badgeIssuer.name,
      signingKeyReference: record.badgeIssuer ? record.badgeIssuer.signingKeyReference : null },
    linkLifetime: shaped.references.linkLifetime,
    minimumKnownMonths: shaped.references.minimumKnownMonths,
    notEnoughInformationLimit: shaped.references.notEnoughInformationLimit,
  };
}

// A list's violation names an item ("categories[3]"); the form has one group for the list.
const listItem = (field) => field.replace(/\[\d+\]$/, '');

profileForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(profileForm);
  announce(status, t('association.saving'));
  const answer = await callApi(`/api/associations/${encodeURIComponent(record.code)}/profile`,
    { method: 'PUT', json: profileOf(valuesOf(profileForm, PROFILE)) });
  if (!answer.ok) {
    announce(status, '');
    refused(profileForm, answer, listItem);
    return;
  }
  show(answer.body);
  announce(status, t('association.profileSaved'));
});

// --- A new fee schedule, previewed before it is saved ---------------------------------------------------------------

/** The fee schedule in force today, which the form starts from. */
function feesInForce() {
  const today = associationToday();
  return timeline(record.fees).map((entry) => entry.version)
    .filter((version) => version.effectiveFrom <= today).pop() || record.fees[0];
}

function dollars(cents) {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
}

function fillFeeForm() {
  const base = feesInForce();
  const values = { effectiveFrom: associationToday(), currency: base.currency, dueDays: base.dueDays };
  LEVELS.forEach((level) => {
    values[`registration.${level}`] = dollars(base.registration[level]);
    values[`processing.${level}`] = dollars(base.processing[level]);
  });
  OPTIONAL_AMOUNTS.forEach((name) => {
    values[name] = dollars(base[name]);
  });
  fill(feeForm, FEES, values);
  $('fee-form-effectiveFrom-hint').textContent = t('hint.effectiveFromToday',
    { today: formatDate(values.effectiveFrom), zone: record.timeZone });
}

/** The fee schedule the form holds, amounts in whole cents; or the errors of what was typed. */
function typedFees() {
  const values = valuesOf(feeForm, FEES);
  const errors = [];
  const cents = {};
  AMOUNTS.forEach((name) => {
    if (values[name] === null) {
      if (REQUIRED_AMOUNTS.includes(name)) {
        errors.push({ field: name, rule: 'required' });
      }
      cents[name] = null;
      return;
    }
    const parsed = parseCents(values[name], { zero: true });
    if (parsed.rule) {
      errors.push({ field: name, rule: parsed.rule });
    } else {
      cents[name] = parsed.cents;
    }
  });
  if (errors.length) {
    return { errors };
  }
  const perLevel = (kind) => Object.fromEntries(LEVELS.map((level) => [level, cents[`${kind}.${level}`]]));
  return {
    version: {
      effectiveFrom: values.effectiveFrom,
      currency: values.currency,
      dueDays: values.dueDays,
      registration: perLevel('registration'),
      processing: perLevel('processing'),
      membershipDues: cents.membershipDues,
      renewal: cents.renewal,
      lateFee: cents.lateFee,
      reinstatement: cents.reinstatement,
      // Which fees stay with the association on a refund is not changed here: the new version keeps them.
      nonRefundable: feesInForce().nonRefundable,
    },
  };
}

// "fees[2].registration.1" or "fees.effectiveFrom" -> "registration.1", "effectiveFrom".
const feeInput = (field) => field.replace(/^fees(\[\d+\])?\./, '');

function hidePreview() {
  preview = null;
  $('preview').hidden = true;
}

function changeCell(field, value, currency) {
  if (value === null || value === undefined) {
    return t('association.none');
  }
  return AMOUNTS.includes(field) ? formatMoney({ cents: Number(value), currency }) : value;
}

function renderPreview() {
  if (!preview) {
    return;
  }
  const { version, answer } = preview;
  const when = answer.until
    ? t('association.previewFromUntil', { from: formatDate(answer.effectiveFrom), until: formatDate(answer.until) })
    : t('association.previewFrom', { from: formatDate(answer.effectiveFrom) });
  $('preview-when').textContent = answer.replacesPlanned ? `${when} ${t('association.replacesPlanned')}` : when;
  const label = (field) => (AMOUNTS.includes(field) || field === 'dueDays' || field === 'currency'
    ? t(`field.${field}`) : field);
  $('preview-changes').replaceChildren(answer.changes.length
    ? table(t('association.changesCaption'), [t('association.setting'), t('association.before'),
      t('association.after')], answer.changes.map((change) => [label(change.field),
      changeCell(change.field, change.before, version.currency),
      changeCell(change.field, change.after, version.currency)]))
    : el('p', { text: t('association.noChanges') }));
}

feeForm.addEventListener('input', hidePreview);
feeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  hidePreview();
  const typed = typedFees();
  if (typed.errors) {
    showProblem(feeForm, { errors: typed.errors });
    return;
  }
  clearProblems(feeForm);
  announce(status, t('association.previewing'));
  const answer = await callApi(`/api/associations/${encodeURIComponent(record.code)}/policy-previews`,
    { method: 'POST', json: { fees: typed.version } });
  if (!answer.ok) {
    announce(status, '');
    refused(feeForm, answer, feeInput);
    return;
  }
  preview = { version: typed.version, answer: answer.body };
  renderPreview();
  $('preview').hidden = false;
  $('preview-heading').focus();
  announce(status, t('association.previewShown'));
});

$('fee-save').addEventListener('click', async () => {
  if (!preview) {
    return;
  }
  const { version } = preview;
  announce(status, t('association.saving'));
  const answer = await callApi(`/api/associations/${encodeURIComponent(record.code)}/policy-versions`,
    { method: 'POST', json: { fees: version } });
  if (!answer.ok) {
    announce(status, '');
    hidePreview();
    refused(feeForm, answer, feeInput);
    return;
  }
  hidePreview();
  show(answer.body);
  announce(status, t('association.versionSaved', { from: formatDate(version.effectiveFrom) }));
  $('part-fees').querySelector('h3').tabIndex = -1;
  $('part-fees').querySelector('h3').focus();
});

// --- The association shown, and the platform admin's choice -----------------------------------------------------

function show(association) {
  record = association;
  // The heading names the association from now on, in every language.
  delete $('heading').dataset.i18n;
  $('heading').textContent = association.name;
  fill(profileForm, PROFILE, profileValues());
  renderParts();
  fillFeeForm();
  ['profile', 'policy', 'fees'].forEach((id) => {
    $(id).hidden = false;
  });
}

async function open(code) {
  announce(status, t('association.loading'));
  const answer = await callApi(`/api/associations/${encodeURIComponent(code)}`);
  if (!answer.ok) {
    announce(status, answer.status === 404 ? t('association.unknown', { code }) : t('error.unexpected'));
    return;
  }
  hidePreview();
  clearProblems(profileForm);
  clearProblems(feeForm);
  show(answer.body);
  announce(status, '');
}

async function listAssociations(chosen) {
  const answer = await callApi('/api/associations');
  if (!answer.ok) {
    announce(status, t('error.unexpected'));
    return;
  }
  const options = () => answer.body.map((association) => new Option(`${association.name} (${association.code})`,
    association.code, false, association.code === chosen));
  $('choose-code').replaceChildren(...options());
  $('create-policyFrom').replaceChildren(...options());
}

$('choose-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = $('choose-code').value;
  history.replaceState(null, '', `?${new URLSearchParams({ code })}`);
  open(code);
});

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(createForm);
  announce(status, t('association.creating'));
  const source = await callApi(`/api/associations/${encodeURIComponent($('create-policyFrom').value)}`);
  if (!source.ok) {
    announce(status, t('error.unexpected'));
    return;
  }
  const typed = nested(valuesOf(createForm, CREATE));
  const from = source.body;
  const answer = await callApi('/api/associations', { method: 'POST', json: {
    code: typed.code, name: typed.name, state: typed.state, timeZone: typed.timeZone, languages: typed.languages,
    categories: from.categories, badgeIssuer: { name: typed.badgeIssuer.name, signingKeyReference: null },
    exam: from.exam, references: from.references, membership: from.membership, requirements: from.requirements,
    fees: from.fees, renewal: from.renewal,
  } });
  if (!answer.ok) {
    announce(status, '');
    if (answer.status === 409) {
      showProblem(createForm, { errors: [{ field: 'code', rule: 'association-exists' }] });
    } else {
      refused(createForm, answer, listItem);
    }
    return;
  }
  createForm.reset();
  await listAssociations(answer.body.code);
  history.replaceState(null, '', `?${new URLSearchParams({ code: answer.body.code })}`);
  show(answer.body);
  announce(status, t('association.created', { name: answer.body.name }));
});

onLanguage(() => {
  renderParts();
  renderPreview();
  if (record) {
    $('fee-form-effectiveFrom-hint').textContent = t('hint.effectiveFromToday',
      { today: formatDate(associationToday()), zone: record.timeZone });
  }
});

me = await startPage({ screens: ['association'], roles: ['TENANT_ADMIN', 'PLATFORM_ADMIN'] });
$('profile-fields').replaceChildren(...PROFILE.map((spec) => control('profile-form', spec)));
$('fee-fields').replaceChildren(...FEES.map((spec) => control('fee-form', spec)));
if (me.role === 'PLATFORM_ADMIN') {
  $('create-fields').replaceChildren(...CREATE.map((spec) => control('create-form', spec)));
  const asked = new URLSearchParams(location.search).get('code') || me.tenant;
  $('platform').hidden = false;
  await listAssociations(asked);
  open(asked);
} else {
  open(me.tenant);
}
