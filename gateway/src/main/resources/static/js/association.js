// /association.html: the association's admin (TENANT_ADMIN) changes its profile and adds a version of any policy part
// (fees, renewal, requirements, rating form, exam, membership, evidence), each previewed (what changes, from when and until when)
// before it is saved; every policy part is listed with its versions.
// A platform admin (PLATFORM_ADMIN) chooses any association here, or adds one. Refusals of association-service name
// the field path in the record (fees[2].registration.1); the forms name their inputs by the same path within the
// part (registration.1), so that each refusal shows next to its input.
import { onLanguage, t, has, formatDate, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { table, parseCents, formatMoney } from './staff.js';
import { el, field, byId, enclosing, find } from './dom.js';
import { control, valuesOf, fill, announce } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

// The Alliance's categories (the global catalogue's category.* names them); an association offers some or all.
const CATEGORIES = ['IFA', 'ECFA', 'IFS', 'ECFS', 'IMHS', 'ECMHS', 'IMHM-C', 'ECMHM-C', 'IMHM-P', 'ECMHM-P',
  'IMHM-R', 'ECMHM-R'];
const LANGUAGES = ['en', 'es'];
// The notices an association may stop the platform from mailing (it mails them itself); a rater's link is never one
// (NoticeKind in libs/contracts).
const NOTICES = ['application-started', 'application-submitted', 'application-resubmitted', 'application-returned',
  'application-denied', 'review-assigned', 'section-commented', 'exam-scheduled', 'exam-scoring-assigned',
  'exam-passed', 'exam-failed', 'endorsement-granted', 'invoice-issued', 'invoice-paid', 'renewal-opens-soon',
  'renewal-window-opened', 'renewal-closes-soon', 'renewal-received', 'renewal-returned', 'renewal-evidence-requested',
  'renewal-evidence-returned', 'endorsement-renewed',
  'endorsement-lapsed', 'reinstatement-requested', 'endorsement-active-again', 'transfer-requested',
  'transfer-accepted'];

/** @type {FieldSpec[]} */
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

/** @type {FieldSpec[]} */
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
/** @type {OptionalAmount[]} */
const OPTIONAL_AMOUNTS = ['membershipDues', 'renewal', 'lateFee', 'reinstatement'];
const AMOUNTS = [...REQUIRED_AMOUNTS, ...OPTIONAL_AMOUNTS];

/**
 * The association's record as association-service answers it (libs/contracts' Association), as far as this page
 * reads it; a version of each policy part starts on its effectiveFrom day.
 *
 * @typedef {{ effectiveFrom: string }} Version
 * @typedef {'membershipDues' | 'renewal' | 'lateFee' | 'reinstatement'} OptionalAmount
 * @typedef {Version & { currency: string, dueDays: number | null, registration: Record<string, number | null>,
 *   processing: Record<string, number | null>, membershipDues: number | null, renewal: number | null,
 *   lateFee: number | null, reinstatement: number | null, nonRefundable: Record<string, string[]> }} FeeVersion
 * @typedef {Version & { model: string, due: string | null, opens: string | null, closes: string | null,
 *   anchorYear: number | null, cycleYears: number | null, graceDays: number | null,
 *   reminderDaysBeforeOpening: number[] | null, reminderDaysBeforeClosing: number[] | null,
 *   trainingHoursPerYear: number | null, reflectiveSupervisionCategories: string[] | null,
 *   reinstatementFee: boolean | null }} RenewalVersion
 * @typedef {{ categories: string[], trainingDomains?: string[] | null, referenceRelationships?: string[] | null,
 *   [setting: string]: unknown }} RequirementRule
 * @typedef {Version & { rules: RequirementRule[] }} RequirementVersion
 * @typedef {{ id: string, text: string, translations?: Record<string, string> | null }} RatingItem
 * @typedef {Version & { version: number, items: RatingItem[] }} RatingForm
 * @typedef {Version & { passPercent: number | null, retakeAfterMonths: number | null,
 *   reviewersMayScore: boolean | null }} ExamVersion
 * @typedef {Version & { nextYearAfter: string | null, requiredToApply: boolean | null }} MembershipVersion
 * @typedef {Version & { maxFileBytes: number | null, maxApplicationBytes: number | null }} EvidenceVersion
 * @typedef {{ code: string, name: string, timeZone: string, categories: string[],
 *   badgeIssuer: { name: string, signingKeyReference: string | null } | null,
 *   references: { forms: RatingForm[] } | null, fees: FeeVersion[], renewal: RenewalVersion[],
 *   requirements: RequirementVersion[], exam: ExamVersion[], membership: MembershipVersion[],
 *   evidence: EvidenceVersion[] | null }} Association
 */

/**
 * A generated form's values (portal-kit's valuesOf), keyed by the inputs' names, and the same nested by their dotted
 * paths ("contact.address.city").
 *
 * @typedef {string | number | boolean | string[] | null} FormValue
 * @typedef {{ [key: string]: Tree | FormValue }} Tree
 */

const status = byId('page-status');
const profileForm = byId('profile-form', HTMLFormElement);
const createForm = byId('create-form', HTMLFormElement);

/** @type {Association | null} */
let record = null;

/** The association shown, which every form on the page acts on; they are shown only once it is loaded. */
function shown() {
  if (!record) {
    throw new Error('No association is shown yet');
  }
  return record;
}

/**
 * The value at a dotted path of an object ("contact.address.city"), or null.
 *
 * @param {unknown} object
 * @param {string} path
 * @returns {unknown}
 */
function at(object, path) {
  return path.split('.').reduce((value, key) => (value !== null && typeof value === 'object'
    ? /** @type {Record<string, unknown>} */ (value)[key] : null), object) ?? null;
}

/**
 * Flat values keyed by dotted paths as one nested object.
 *
 * @param {Record<string, FormValue>} values
 * @returns {Tree}
 */
function nested(values) {
  /** @type {Tree} */
  const result = {};
  Object.entries(values).forEach(([path, value]) => {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce((object, key) => {
      const existing = object[key];
      /** @type {Tree} */
      const child = existing !== null && typeof existing === 'object' && !Array.isArray(existing) ? existing : {};
      object[key] = child;
      return child;
    }, result);
    parent[keys[keys.length - 1]] = value;
  });
  return result;
}

/**
 * A text field's value: null when left empty.
 *
 * @param {unknown} value
 * @returns {string | null}
 */
function textOf(value) {
  return value === null || value === undefined ? null : String(value);
}

/**
 * The problem with each field path as the form names its input ("fees[2].registration.1" -> "registration.1").
 *
 * @param {import('./api.js').Problem} problem
 * @param {(field: string) => string} inputName
 * @returns {import('./api.js').Problem}
 */
function placed(problem, inputName) {
  if (!problem || !Array.isArray(problem.errors)) {
    return problem;
  }
  return { ...problem, errors: problem.errors.map((error) => ({ ...error, field: inputName(String(error.field)) })) };
}

/**
 * @param {HTMLFormElement} form
 * @param {import('./api.js').Answer} answer
 * @param {(field: string) => string} [inputName]
 */
function refused(form, answer, inputName = (field) => field) {
  if (!answer.body) {
    clearProblems(form);
    find(form, '.form-error').textContent = t('error.unexpected');
    return;
  }
  showProblem(form, placed(answer.body, inputName));
}

/** Today as the association counts days: the date in its time zone, yyyy-mm-dd. */
function associationToday() {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: shown().timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * A day of the year (MM-DD) as the language writes it, "December 31".
 *
 * @param {string | null} text
 */
function monthDay(text) {
  if (!text) {
    return '';
  }
  const [month, day] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLanguage(), { month: 'long', day: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2000, month - 1, day)));
}

/**
 * @param {number | null | undefined} cents
 * @param {string} currency
 */
function money(cents, currency) {
  return cents === null || cents === undefined ? t('association.notCharged') : formatMoney({ cents, currency });
}

/** @param {boolean | null} value */
function yesNo(value) {
  return t(value ? 'association.yes' : 'association.no');
}

// --- Policy parts and their versions ------------------------------------------------------------------------------

/**
 * A policy part as its table shows it: its key, its head row after "from" and "standing", each version of the record
 * with its cells, and what applies when the record has no version.
 *
 * @typedef {{ key: string, heads: () => string[], rows: (association: Association) => (Timed<Version> & { cells:
 *   import('./dom.js').Child[] })[], none?: () => string }} Part
 */

/**
 * A part from its versions in the record and the cells of one version.
 *
 * @template {Version} V
 * @param {{ key: string, versions: (association: Association) => V[], heads: () => string[],
 *   cells: (version: V) => import('./dom.js').Child[], none?: () => string }} spec
 * @returns {Part}
 */
function part({ key, versions, heads, cells, none }) {
  return { key, heads, none,
    rows: (association) => timeline(versions(association)).map((entry) => ({ ...entry, cells: cells(entry.version) })) };
}

/** Each part: its versions in the record, the columns of its table after "from" and "standing", and their cells. */
const PARTS = [
  part({
    key: 'fees',
    versions: (association) => association.fees,
    heads: () => [t('association.currency'), t('association.registration'), t('association.processing'),
      t('field.membershipDues'), t('field.renewal'), t('field.lateFee'), t('field.reinstatement')],
    cells: (fees) => [fees.currency,
      LEVELS.map((level) => money(fees.registration[level], fees.currency)).join(' / '),
      LEVELS.map((level) => money(fees.processing[level], fees.currency)).join(' / '),
      money(fees.membershipDues, fees.currency), money(fees.renewal, fees.currency),
      money(fees.lateFee, fees.currency), money(fees.reinstatement, fees.currency)],
  }),
  part({
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
  }),
  part({
    key: 'requirements',
    versions: (association) => association.requirements,
    heads: () => [t('association.categoriesStated')],
    cells: (version) => [version.rules.flatMap((rule) => rule.categories).join(', ')],
  }),
  part({
    key: 'referenceForm',
    versions: (association) => (association.references ? association.references.forms : []),
    heads: () => [t('association.formVersion'), t('association.items')],
    cells: (form) => [String(form.version), String(form.items.length)],
  }),
  part({
    key: 'exam',
    versions: (association) => association.exam,
    heads: () => [t('association.passPercent'), t('association.retakeAfterMonths'),
      t('association.reviewersMayScore')],
    cells: (exam) => [`${exam.passPercent ?? 80} %`, String(exam.retakeAfterMonths ?? 12),
      yesNo(exam.reviewersMayScore)],
  }),
  part({
    key: 'membership',
    versions: (association) => association.membership,
    heads: () => [t('association.nextYearAfter'), t('association.requiredToApply')],
    cells: (membership) => [monthDay(membership.nextYearAfter), yesNo(membership.requiredToApply)],
  }),
  part({
    key: 'evidence',
    versions: (association) => association.evidence || [],
    heads: () => [t('association.maxFile'), t('association.maxApplication')],
    cells: (evidence) => [megabytes(evidence.maxFileBytes, DEFAULT_FILE_BYTES),
      megabytes(evidence.maxApplicationBytes, DEFAULT_APPLICATION_BYTES)],
    none: () => t('association.evidenceDefaults', { file: inMegabytes(DEFAULT_FILE_BYTES),
      application: inMegabytes(DEFAULT_APPLICATION_BYTES) }),
  }),
];

// The platform's evidence limits where a version states none (contracts' EvidenceVersion), and a megabyte (MiB).
const DEFAULT_FILE_BYTES = 20 * 1024 * 1024;
const DEFAULT_APPLICATION_BYTES = 200 * 1024 * 1024;
const MEGABYTE = 1024 * 1024;

/**
 * Bytes as megabytes, to a tenth; '' for none.
 *
 * @param {number | null | undefined} bytes
 */
function inMegabytes(bytes) {
  return bytes === null || bytes === undefined ? '' : String(Math.round((bytes / MEGABYTE) * 10) / 10);
}

/**
 * @param {number | null} bytes
 * @param {number} platformDefault
 */
function megabytes(bytes, platformDefault) {
  return bytes === null || bytes === undefined
    ? t('association.defaultMegabytes', { mb: inMegabytes(platformDefault) })
    : t('association.megabytes', { mb: inMegabytes(bytes) });
}

/**
 * A version and the day the next one takes over (null: none planned).
 *
 * @template {Version} V
 * @typedef {{ version: V, until: string | null }} Timed
 */

/**
 * Versions from the earliest, each with the day the next one takes over (null: none planned).
 *
 * @template {Version} V
 * @param {V[]} versions
 * @returns {Timed<V>[]}
 */
function timeline(versions) {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.map((version, index) => ({
    version, until: sorted[index + 1] ? sorted[index + 1].effectiveFrom : null,
  }));
}

/**
 * @param {Timed<Version>} entry
 * @param {string} today
 */
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
  byId('parts').replaceChildren(...PARTS.map((part) => {
    const heading = t(`association.part.${part.key}`);
    const rows = part.rows(shown()).map((entry) => [formatDate(entry.version.effectiveFrom),
      entry.until ? formatDate(entry.until) : t('association.onward'), standing(entry, today),
      ...entry.cells]);
    // A part the record may leave out (evidence) says what applies without a version.
    return el('div', { id: `part-${part.key}` },
      el('h3', { text: heading }),
      rows.length || !part.none ? table(t('association.versionsOf', { part: heading }),
        [t('association.from'), t('association.until'), t('association.standing'), ...part.heads()], rows)
        : el('p', { text: part.none ? part.none() : '' }));
  }));
}

// --- The profile ---------------------------------------------------------------------------------------------------

function profileValues() {
  return Object.fromEntries(PROFILE.map((spec) => [spec.name, at(shown(), spec.name)]));
}

/** @param {Record<string, FormValue>} values */
function profileOf(values) {
  const { badgeIssuer } = shown();
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
    badgeIssuer: { name: values['badgeIssuer.name'],
      signingKeyReference: badgeIssuer ? badgeIssuer.signingKeyReference : null },
    linkLifetime: values['references.linkLifetime'],
    minimumKnownMonths: values['references.minimumKnownMonths'],
    notEnoughInformationLimit: values['references.notEnoughInformationLimit'],
  };
}

// A list's violation names an item ("categories[3]"); the form has one group for the list.
const listItem = (/** @type {string} */ field) => field.replace(/\[\d+\]$/, '');

profileForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(profileForm);
  announce(status, t('association.saving'));
  /** @type {Answer<Association>} */
  const answer = await callApi(`/api/associations/${encodeURIComponent(shown().code)}/profile`,
    { method: 'PUT', json: profileOf(valuesOf(profileForm, PROFILE)) });
  if (!answer.ok) {
    announce(status, '');
    refused(profileForm, answer, listItem);
    return;
  }
  show(answer.body);
  announce(status, t('association.profileSaved'));
});

// --- New versions of the policy parts, each previewed before it is saved ------------------------------------------

/**
 * The version of a part in force on a day (the latest that started on or before it), or the earliest one.
 *
 * @template {Version} V
 * @param {V[]} versions
 * @param {string} [day]
 * @returns {V}
 */
function inForce(versions, day = associationToday()) {
  return timeline(versions).map((entry) => entry.version)
    .filter((version) => version.effectiveFrom <= day).pop() || timeline(versions)[0].version;
}

/** @param {number | null | undefined} cents */
function dollars(cents) {
  return cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
}

/**
 * What a checkbox sends for a setting that may be left out: true, or false only where the version in force says so.
 *
 * @param {unknown} checked
 * @param {unknown} base
 * @returns {boolean | null}
 */
function optionalFlag(checked, base) {
  if (checked) {
    return true;
  }
  return base === false ? false : null;
}

/**
 * Whole days typed as a list ("60, 30, 7"): { days } or { rule }.
 *
 * @param {string | null} typed
 * @returns {{ days: number[], rule?: undefined } | { rule: string, days?: undefined }}
 */
function dayList(typed) {
  if (typed === null) {
    return { days: [] };
  }
  const parts = typed.split(/[\s,;]+/).filter(Boolean);
  return parts.every((part) => /^\d{1,4}$/.test(part)) ? { days: parts.map(Number) } : { rule: 'day-list' };
}

/**
 * Hours typed with a decimal point or comma ("18.5", "18,5"): { hours } (null when empty) or { rule }.
 *
 * @param {string | null} typed
 * @returns {{ hours: number | null, rule?: undefined } | { rule: string, hours?: undefined }}
 */
function decimalHours(typed) {
  if (typed === null) {
    return { hours: null };
  }
  return /^\d{1,5}([.,]\d{1,2})?$/.test(typed) ? { hours: Number(typed.replace(',', '.')) } : { rule: 'decimal' };
}

/**
 * The problem's field paths without the part's own prefix ("renewal[1].graceDays" -> "graceDays").
 *
 * @param {string} prefix
 * @returns {(field: string) => string}
 */
function within(prefix) {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\[\\d+\\])?\\.`);
  return (field) => listItem(field.replace(pattern, ''));
}

/**
 * One input of a policy form: its name (the field path within the part), type, hint, label and, for a choice, the
 * values offered and the prefix of their message keys.
 *
 * @typedef {import('./portal-kit.js').ControlSpec} FieldSpec
 */

/**
 * A form that adds a version of a policy part: its key and the record's member it adds to; its inputs and their
 * values from the version in force; the version typed (or what is wrong with it); a refusal's field path as the
 * input's name; a setting's label and value in the preview; and what follows a change of its inputs.
 *
 * @typedef {{ key: string, member: string, specs: () => FieldSpec[], start: () => Record<string, unknown>,
 *   typed: (values: Record<string, FormValue>) => { errors: import('./api.js').FieldError[],
 *     version: NewVersion },
 *   input: (field: string) => string, label: (field: string, version: NewVersion) => string,
 *   value: (field: string, value: string, version: NewVersion) => string,
 *   changed?: (form: HTMLFormElement, event?: Event) => void }} PolicyForm
 * @typedef {Record<string, unknown>} NewVersion
 */

/**
 * What association-service answers for a version previewed: from when until when it applies, whether it replaces a
 * planned one, and each setting it changes.
 *
 * @typedef {{ effectiveFrom: string, until: string | null, replacesPlanned: boolean,
 *   changes: { field: string, before: string | null, after: string | null }[] }} PreviewAnswer
 */

/** A date input and its hint, the first field of every version. */
/** @type {FieldSpec} */
const EFFECTIVE_FROM = {
  name: 'effectiveFrom', type: 'date', hint: 'hint.effectiveFrom', label: 'field.effectiveFrom',
};

/**
 * A setting's name in a part's catalogue (field.<part>.<name>), or its path as the API names it.
 *
 * @param {string} part
 * @param {string} field
 */
function settingLabel(part, field) {
  const key = `field.${part}.${field.replace(/\[\d+\]/g, '')}`;
  return has(key) ? t(key) : field;
}

/** @param {string} value */
function plainValue(value) {
  if (value === 'true' || value === 'false') {
    return yesNo(value === 'true');
  }
  return value;
}

/** @type {PolicyForm} */
const FEE_FORM = {
  key: 'fee',
  member: 'fees',
  specs: () => [EFFECTIVE_FROM, { name: 'currency', hint: 'hint.currency' }, { name: 'dueDays', type: 'number' },
    ...AMOUNTS.map((name) => ({ name, inputmode: 'decimal', autocomplete: 'off' }))],
  start() {
    const base = inForce(shown().fees);
    /** @type {Record<string, unknown>} */
    const values = { currency: base.currency, dueDays: base.dueDays };
    LEVELS.forEach((level) => {
      values[`registration.${level}`] = dollars(base.registration[level]);
      values[`processing.${level}`] = dollars(base.processing[level]);
    });
    OPTIONAL_AMOUNTS.forEach((name) => {
      values[name] = dollars(base[name]);
    });
    return values;
  },
  typed(values) {
    /** @type {import('./api.js').FieldError[]} */
    const errors = [];
    /** @type {Record<string, number | null>} */
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
    const perLevel = (/** @type {string} */ kind) => Object.fromEntries(LEVELS.map((level) => [level, cents[`${kind}.${level}`]]));
    return {
      errors,
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
        nonRefundable: inForce(shown().fees).nonRefundable,
      },
    };
  },
  // "fees[2].registration.1" or "fees.effectiveFrom" -> "registration.1", "effectiveFrom".
  input: within('fees'),
  label: (field) => (AMOUNTS.includes(field) || field === 'dueDays' || field === 'currency'
    ? t(`field.${field}`) : field),
  value: (field, value, version) => (AMOUNTS.includes(field)
    ? formatMoney({ cents: Number(value), currency: String(version.currency) }) : value),
};

const RENEWAL_DAYS = ['due', 'opens', 'closes'];
const YEARLY_ONLY = ['due'];
const FIXED_ONLY = ['closes', 'anchorYear', 'cycleYears'];
/** @type {PolicyForm} */
const RENEWAL_FORM = {
  key: 'renewal',
  member: 'renewal',
  specs: () => [EFFECTIVE_FROM,
    { name: 'model', type: 'select', options: ['yearly', 'fixed-window'], optionPrefix: 'association.model' },
    ...RENEWAL_DAYS.map((name) => ({ name, hint: 'hint.monthDay', autocomplete: 'off' })),
    { name: 'anchorYear', type: 'number', hint: 'hint.anchorYear' }, { name: 'cycleYears', type: 'number' },
    { name: 'graceDays', type: 'number' },
    { name: 'reminderDaysBeforeOpening', hint: 'hint.dayList', autocomplete: 'off' },
    { name: 'reminderDaysBeforeClosing', hint: 'hint.dayList', autocomplete: 'off' },
    { name: 'trainingHoursPerYear', type: 'number' }, { name: 'deiHoursPerYear', type: 'number' },
    { name: 'reflectiveSupervisionHoursPerYear', type: 'number' },
    { name: 'reflectiveSupervisionCategories', type: 'choices', choices: CATEGORIES, choicePrefix: 'category' },
    { name: 'codeOfEthicsPerYear', type: 'checkbox' }, { name: 'membershipPerYear', type: 'checkbox' },
    { name: 'inactiveMaximumMonths', type: 'number', hint: 'hint.inactiveMaximumMonths' },
    { name: 'reinstatementFee', type: 'checkbox', hint: 'hint.reinstatementFee' },
    { name: 'auditPercent', type: 'number', hint: 'hint.auditPercent' }]
    .map((/** @type {FieldSpec} */ spec) => ({ ...spec, label: spec.label || `field.renewal.${spec.name}` })),
  start() {
    const base = inForce(shown().renewal);
    return { ...base,
      reminderDaysBeforeOpening: (base.reminderDaysBeforeOpening || []).join(', '),
      reminderDaysBeforeClosing: (base.reminderDaysBeforeClosing || []).join(', '),
      reflectiveSupervisionCategories: base.reflectiveSupervisionCategories || [],
      // Left out, the reinstatement waits for its fee (RenewalPolicy).
      reinstatementFee: base.reinstatementFee !== false };
  },
  typed(values) {
    /** @type {import('./api.js').FieldError[]} */
    const errors = [];
    /** @type {Record<string, number[] | undefined>} */
    const days = {};
    ['reminderDaysBeforeOpening', 'reminderDaysBeforeClosing'].forEach((name) => {
      const parsed = dayList(textOf(values[name]));
      if (parsed.rule) {
        errors.push({ field: name, rule: parsed.rule });
      }
      days[name] = parsed.days;
    });
    const yearly = values.model === 'yearly';
    return {
      errors,
      version: { ...values, ...days,
        due: yearly ? values.due : null,
        closes: yearly ? null : values.closes,
        anchorYear: yearly ? null : values.anchorYear,
        cycleYears: yearly ? null : values.cycleYears },
    };
  },
  input: within('renewal'),
  label: (field) => settingLabel('renewal', field),
  value: (field, value) => plainValue(value),
  changed(form) {
    // Only the days of the model chosen are asked for.
    const model = field(form, 'model').value;
    YEARLY_ONLY.forEach((name) => {
      enclosing(find(form, `[name="${name}"]`), '.field').hidden = model !== 'yearly';
    });
    FIXED_ONLY.forEach((name) => {
      enclosing(find(form, `[name="${name}"]`), '.field').hidden = model !== 'fixed-window';
    });
  },
};

const DEGREES = ['associate', 'bachelor', 'master', 'doctorate'];
const DOMAINS = ['theoretical-foundations', 'law-regulation-and-agency-policy', 'systems-expertise',
  'direct-service-skills', 'working-with-others', 'communicating', 'thinking', 'reflection', 'administration',
  'research-and-evaluation'];
const RELATIONSHIPS = ['current-supervisor', 'rsc-provider'];
const RULE_FLAGS = ['workAfterDegree', 'paidWork', 'exam', 'examVignettes'];
const RULE_HOURS = ['trainingHours', 'supervisionHours', 'supervisionAboutProvidingHours'];

/** The categories the association offers, all of the Alliance's when it lists none. */
function offered() {
  const { categories } = shown();
  return categories.length ? CATEGORIES.filter((category) => categories.includes(category)) : CATEGORIES;
}

/**
 * A category's requirements in force on a day: the latest version that states it.
 *
 * @param {string} category
 * @param {string} [day]
 * @returns {RequirementRule | null}
 */
function ruleInForce(category, day = associationToday()) {
  let found = null;
  for (const { version } of timeline(shown().requirements)) {
    if (version.effectiveFrom <= day) {
      found = version.rules.filter((rule) => rule.categories.includes(category)).pop() || found;
    }
  }
  return found;
}

/**
 * @param {RequirementRule} rule
 * @returns {Record<string, unknown>}
 */
function ruleValues(rule) {
  /** @type {Record<string, unknown>} */
  const values = { ...rule };
  RULE_HOURS.forEach((name) => {
    values[name] = rule[name] === null || rule[name] === undefined ? '' : String(rule[name]);
  });
  values.trainingDomains = rule.trainingDomains || [];
  values.referenceRelationships = rule.referenceRelationships || [];
  return values;
}

/**
 * The requirements in force for one category, and every category that shares them.
 *
 * @param {string} category
 */
function requirementsFrom(category) {
  const rule = ruleInForce(category) || { categories: [] };
  const same = JSON.stringify({ ...rule, categories: null });
  const sharing = offered().filter((other) => JSON.stringify({ ...ruleInForce(other), categories: null }) === same);
  return { ...ruleValues(rule), startFrom: category, categories: sharing };
}

/** @type {PolicyForm} */
const REQUIREMENTS_FORM = {
  key: 'requirements',
  member: 'requirements',
  specs: () => [EFFECTIVE_FROM,
    { name: 'startFrom', type: 'select', options: offered(), optionPrefix: 'category', hint: 'hint.startFrom' },
    { name: 'categories', type: 'choices', choices: offered(), choicePrefix: 'category' },
    { name: 'degree', type: 'select', options: DEGREES, optionPrefix: 'association.degree', hint: 'hint.degree' },
    { name: 'workYearsInsteadOfDegree', type: 'number' }, { name: 'workYears', type: 'number' },
    { name: 'workAfterDegree', type: 'checkbox' }, { name: 'paidWork', type: 'checkbox' },
    { name: 'workActivity', type: 'select', options: ['providing-rsc', 'leadership'],
      optionPrefix: 'association.workActivity', hint: 'hint.workActivity' },
    { name: 'trainingHours', inputmode: 'decimal', autocomplete: 'off' },
    { name: 'trainingDomains', type: 'choices', choices: DOMAINS, choicePrefix: 'association.domain' },
    { name: 'supervisionHours', inputmode: 'decimal', autocomplete: 'off' },
    { name: 'supervisionWindowMonths', type: 'number' },
    { name: 'supervisionAboutProvidingHours', inputmode: 'decimal', autocomplete: 'off' },
    { name: 'references', type: 'number' },
    { name: 'referenceRelationships', type: 'choices', choices: RELATIONSHIPS,
      choicePrefix: 'association.relationship' },
    { name: 'exam', type: 'checkbox' }, { name: 'examVignettes', type: 'checkbox' }]
    .map((/** @type {FieldSpec} */ spec) => ({ ...spec, label: spec.label || `field.requirements.${spec.name}` })),
  start() {
    return requirementsFrom(offered()[0]);
  },
  typed(values) {
    /** @type {import('./api.js').FieldError[]} */
    const errors = [];
    /** @type {Record<string, unknown>} */
    const rule = { ...values };
    delete rule.startFrom;
    delete rule.effectiveFrom;
    RULE_HOURS.forEach((name) => {
      const parsed = decimalHours(textOf(values[name]));
      if (parsed.rule) {
        errors.push({ field: name, rule: parsed.rule });
      }
      rule[name] = parsed.hours;
    });
    const base = ruleInForce(String(values.startFrom));
    RULE_FLAGS.forEach((name) => {
      rule[name] = optionalFlag(values[name], base ? base[name] : undefined);
    });
    if (!Array.isArray(values.categories) || !values.categories.length) {
      errors.push({ field: 'categories', rule: 'required' });
    }
    return { errors, version: { effectiveFrom: values.effectiveFrom, rules: [rule] } };
  },
  // "requirements[1].rules[0].trainingHours" -> "trainingHours"; a rule's list as a whole ("rules") -> categories.
  input: (field) => {
    const name = within('requirements')(field).replace(/^rules(\[\d+\])?\.?/, '');
    return name === '' ? 'categories' : name;
  },
  label: (field) => {
    const [category, ...setting] = field.split('.');
    return `${category}: ${settingLabel('requirements', setting.join('.'))}`;
  },
  value: (field, value) => plainValue(value),
  changed(form, event) {
    // Starting from another category fills the form with its requirements in force.
    if (event && event.target instanceof Element && event.target.getAttribute('name') === 'startFrom'
      && field(form, 'startFrom').value) {
      const effectiveFrom = field(form, 'effectiveFrom').value;
      fill(form, this.specs(), { ...requirementsFrom(field(form, 'startFrom').value), effectiveFrom });
    }
  },
};

/** The rating form in force, which a new one starts from: its items, each kept unless its text is emptied. */
function ratingFormInForce() {
  return inForce(ratingForms());
}

/** The rating form's versions in the record. */
function ratingForms() {
  const { references } = shown();
  return references ? references.forms : [];
}

/**
 * Which input each item of the last rating form typed stands for (its id's and its text's), so that a refusal of
 * items[k] shows next to that input.
 *
 * @type {{ id: string | null, text: string }[]}
 */
let sentItems = [];

/** @type {PolicyForm} */
const REFERENCE_FORM = {
  key: 'referenceForm',
  member: 'referenceForm',
  specs: () => [EFFECTIVE_FROM,
    ...ratingFormInForce().items.map((item, index) => ({
      name: `items[${index}].text`, label: 'field.referenceForm.item', labelValues: { n: index + 1, id: item.id },
      autocomplete: 'off',
    })),
    { name: 'newItem.id', label: 'field.referenceForm.newItem.id', hint: 'hint.itemId', autocomplete: 'off' },
    { name: 'newItem.text', label: 'field.referenceForm.newItem.text', autocomplete: 'off' }],
  start() {
    return Object.fromEntries(ratingFormInForce().items.map((item, index) => [`items[${index}].text`, item.text]));
  },
  typed(values) {
    /** @type {(RatingItem | { id: string | null, text: string | null })[]} */
    const items = [];
    sentItems = [];
    ratingFormInForce().items.forEach((item, index) => {
      const text = textOf(values[`items[${index}].text`]);
      if (text !== null) {
        // An item kept as worded keeps its translations; a reworded one reads English until translated again.
        items.push(text === item.text && item.translations ? { id: item.id, text, translations: item.translations }
          : { id: item.id, text });
        sentItems.push({ id: null, text: `items[${index}].text` });
      }
    });
    if (values['newItem.id'] !== null || values['newItem.text'] !== null) {
      items.push({ id: textOf(values['newItem.id']), text: textOf(values['newItem.text']) });
      sentItems.push({ id: 'newItem.id', text: 'newItem.text' });
    }
    const forms = ratingForms();
    // A version for a day that already has a planned one takes its place, and its number.
    const replaced = forms.find((form) => form.effectiveFrom === values.effectiveFrom);
    const version = replaced ? replaced.version : Math.max(...forms.map((form) => form.version)) + 1;
    return { errors: [], version: { version, effectiveFrom: values.effectiveFrom, items } };
  },
  input(field) {
    const name = within('references.forms')(field);
    const item = name.match(/^items\[(\d+)\]\.(id|text)$/);
    const sent = item ? sentItems[Number(item[1])] : undefined;
    if (item && sent) {
      return (item[2] === 'id' ? sent.id : sent.text) || sent.text;
    }
    return name === 'items' ? 'newItem.text' : name;
  },
  label(field) {
    const item = field.match(/^items\[(\d+)\]\.(id|text)$/);
    if (item) {
      return t(item[2] === 'id' ? 'association.itemIdChange' : 'association.itemChange', { n: Number(item[1]) + 1 });
    }
    return settingLabel('referenceForm', field);
  },
  value: (field, value) => value,
};

/** @type {PolicyForm} */
const EXAM_FORM = {
  key: 'exam',
  member: 'exam',
  specs: () => [EFFECTIVE_FROM, { name: 'passPercent', type: 'number', hint: 'hint.passPercent' },
    { name: 'retakeAfterMonths', type: 'number' }, { name: 'reviewersMayScore', type: 'checkbox' }]
    .map((/** @type {FieldSpec} */ spec) => ({ ...spec, label: spec.label || `field.exam.${spec.name}` })),
  start: () => inForce(shown().exam),
  typed: (values) => ({ errors: [], version: { ...values,
    reviewersMayScore: optionalFlag(values.reviewersMayScore, inForce(shown().exam).reviewersMayScore) } }),
  input: within('exam'),
  label: (field) => settingLabel('exam', field),
  value: (field, value) => plainValue(value),
};

/** @type {PolicyForm} */
const MEMBERSHIP_FORM = {
  key: 'membership',
  member: 'membership',
  specs: () => [EFFECTIVE_FROM, { name: 'nextYearAfter', hint: 'hint.nextYearAfter', autocomplete: 'off' },
    { name: 'requiredToApply', type: 'checkbox' }]
    .map((/** @type {FieldSpec} */ spec) => ({ ...spec, label: spec.label || `field.membership.${spec.name}` })),
  start: () => inForce(shown().membership),
  typed: (values) => ({ errors: [], version: values }),
  input: within('membership'),
  label: (field) => settingLabel('membership', field),
  value: (field, value) => plainValue(value),
};

/** The limits are typed in megabytes and sent in bytes; left empty, the platform's default applies. */
/** @type {PolicyForm} */
const EVIDENCE_FORM = {
  key: 'evidence',
  member: 'evidence',
  specs: () => [EFFECTIVE_FROM, { name: 'maxFileBytes', inputmode: 'decimal', hint: 'hint.megabytes' },
    { name: 'maxApplicationBytes', inputmode: 'decimal', hint: 'hint.megabytes' }]
    .map((/** @type {FieldSpec} */ spec) => ({ ...spec, label: spec.label || `field.evidence.${spec.name}` })),
  start() {
    const { evidence } = shown();
    const version = evidence && evidence.length ? inForce(evidence) : null;
    return { maxFileBytes: inMegabytes(version ? version.maxFileBytes : null),
      maxApplicationBytes: inMegabytes(version ? version.maxApplicationBytes : null) };
  },
  typed(values) {
    /** @type {import('./api.js').FieldError[]} */
    const errors = [];
    const bytes = (/** @type {string} */ name) => {
      const typed = String(values[name] ?? '').trim().replace(',', '.');
      if (typed === '') {
        return null;
      }
      if (!/^\d+(\.\d+)?$/.test(typed)) {
        errors.push({ field: name, rule: 'megabytes' });
        return null;
      }
      return Math.round(Number(typed) * MEGABYTE);
    };
    const version = { effectiveFrom: values.effectiveFrom, maxFileBytes: bytes('maxFileBytes'),
      maxApplicationBytes: bytes('maxApplicationBytes') };
    return { errors, version };
  },
  input: within('evidence'),
  label: (field) => settingLabel('evidence', field),
  value(field, value) {
    if (field === 'effectiveFrom') {
      return value;
    }
    return value === 'null' ? t('association.none') : t('association.megabytes', { mb: inMegabytes(Number(value)) });
  },
};

/** The forms in the order of the parts' list above; the fee schedule, the most often changed, open at first. */
const VERSION_FORMS = [FEE_FORM, RENEWAL_FORM, REQUIREMENTS_FORM, REFERENCE_FORM, EXAM_FORM, MEMBERSHIP_FORM,
  EVIDENCE_FORM];
/** @type {Record<string, { version: NewVersion, answer: PreviewAnswer }>} */
const previews = {}; // per form: { version, answer }, what the admin saw and saves

const formOf = (/** @type {PolicyForm} */ part) => byId(`${part.key}-form`, HTMLFormElement);

/**
 * A part's form in a <details>: its fields, a preview button, and the preview with the button that saves it.
 *
 * @param {PolicyForm} part
 */
function versionSection(part) {
  const id = part.key;
  const say = (/** @type {string} */ key) => ({ text: t(key), dataset: { i18n: key } });
  const form = el('form', {
    id: `${id}-form`, noValidate: true,
    attrs: { 'aria-labelledby': `${id}-summary`, 'aria-describedby': `${id}-intro` },
  },
  el('div', { id: `${id}-fields` }),
  el('p', { className: 'field-error form-error', attrs: { role: 'alert' } }),
  el('div', { className: 'actions' },
    el('button', { className: 'secondary', type: 'submit', ...say('association.preview') })));
  form.addEventListener('input', (event) => {
    hidePreview(part);
    if (part.changed) {
      part.changed(form, event);
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    previewVersion(part);
  });
  const save = el('button', {
    className: 'primary', type: 'button', id: `${id}-save`, ...say('association.saveVersion'),
  });
  save.addEventListener('click', () => saveVersion(part));
  const preview = el('div', {
    id: `${id}-preview`, hidden: true, attrs: { role: 'region', 'aria-labelledby': `${id}-preview-heading` },
  },
  el('h3', { id: `${id}-preview-heading`, tabIndex: -1, ...say('association.previewHeading') }),
  el('p', { id: `${id}-preview-when` }),
  el('div', { id: `${id}-preview-changes` }),
  el('div', { className: 'actions' }, save));
  return el('details', { id: `${id}-version`, open: part === FEE_FORM },
    el('summary', { id: `${id}-summary`, ...say(`association.new.${id}`) }),
    el('p', { className: 'hint', id: `${id}-intro`, ...say(`association.new.${id}.intro`) }),
    form, preview);
}

/** @param {PolicyForm} part */
function effectiveFromHint(part) {
  byId(`${part.key}-form-effectiveFrom-hint`).textContent = t('hint.effectiveFromToday',
    { today: formatDate(associationToday()), zone: shown().timeZone });
}

/**
 * The form's fields for the record shown, filled in from the version in force, from the association's today.
 *
 * @param {PolicyForm} part
 */
function fillVersionForm(part) {
  const form = formOf(part);
  byId(`${part.key}-fields`).replaceChildren(...part.specs().map((spec) => control(`${part.key}-form`, spec)));
  fill(form, part.specs(), { ...part.start(), effectiveFrom: associationToday() });
  effectiveFromHint(part);
  if (part.changed) {
    part.changed(form);
  }
}

/** @param {PolicyForm} part */
function hidePreview(part) {
  delete previews[part.key];
  byId(`${part.key}-preview`).hidden = true;
}

/**
 * @param {PolicyForm} part
 * @param {string} field
 * @param {string | null} value
 * @param {NewVersion} version
 */
function changeCell(part, field, value, version) {
  return value === null || value === undefined ? t('association.none') : part.value(field, value, version);
}

/** @param {PolicyForm} part */
function renderPreview(part) {
  const preview = previews[part.key];
  if (!preview) {
    return;
  }
  const { version, answer } = preview;
  const when = answer.until
    ? t('association.previewFromUntil', { from: formatDate(answer.effectiveFrom), until: formatDate(answer.until) })
    : t('association.previewFrom', { from: formatDate(answer.effectiveFrom) });
  byId(`${part.key}-preview-when`).textContent = answer.replacesPlanned
    ? `${when} ${t('association.replacesPlanned')}` : when;
  byId(`${part.key}-preview-changes`).replaceChildren(answer.changes.length
    ? table(t('association.changesCaption'), [t('association.setting'), t('association.before'),
      t('association.after')], answer.changes.map((change) => [part.label(change.field, version),
      changeCell(part, change.field, change.before, version), changeCell(part, change.field, change.after, version)]))
    : el('p', { text: t('association.noChanges') }));
}

const partPath = () => `/api/associations/${encodeURIComponent(shown().code)}`;

/** @param {PolicyForm} part */
async function previewVersion(part) {
  const form = formOf(part);
  hidePreview(part);
  const typed = part.typed(valuesOf(form, part.specs()));
  if (typed.errors.length) {
    showProblem(form, { errors: typed.errors });
    return;
  }
  clearProblems(form);
  announce(status, t('association.previewing'));
  /** @type {Answer<PreviewAnswer>} */
  const answer = await callApi(`${partPath()}/policy-previews`,
    { method: 'POST', json: { [part.member]: typed.version } });
  if (!answer.ok) {
    announce(status, '');
    refused(form, answer, (field) => part.input(field));
    return;
  }
  previews[part.key] = { version: typed.version, answer: answer.body };
  renderPreview(part);
  byId(`${part.key}-preview`).hidden = false;
  byId(`${part.key}-preview-heading`).focus();
  announce(status, t('association.previewShown'));
}

/** @param {PolicyForm} part */
async function saveVersion(part) {
  const preview = previews[part.key];
  if (!preview) {
    return;
  }
  const { version } = preview;
  announce(status, t('association.saving'));
  /** @type {Answer<Association>} */
  const answer = await callApi(`${partPath()}/policy-versions`,
    { method: 'POST', json: { [part.member]: version } });
  hidePreview(part);
  if (!answer.ok) {
    announce(status, '');
    refused(formOf(part), answer, (field) => part.input(field));
    return;
  }
  show(answer.body);
  announce(status, t(`association.versionSaved.${part.member}`, { from: formatDate(textOf(version.effectiveFrom)) }));
  const heading = find(byId(`part-${part.member}`), 'h3');
  heading.tabIndex = -1;
  heading.focus();
}

// --- The association shown, and the platform admin's choice -----------------------------------------------------

/** @param {Association} association */
function show(association) {
  record = association;
  // The heading names the association from now on, in every language.
  delete byId('heading').dataset.i18n;
  byId('heading').textContent = association.name;
  fill(profileForm, PROFILE, profileValues());
  renderParts();
  VERSION_FORMS.forEach(fillVersionForm);
  ['profile', 'policy', 'versions'].forEach((id) => {
    byId(id).hidden = false;
  });
}

/** @param {string} code */
async function open(code) {
  announce(status, t('association.loading'));
  /** @type {Answer<Association>} */
  const answer = await callApi(`/api/associations/${encodeURIComponent(code)}`);
  if (!answer.ok) {
    announce(status, answer.status === 404 ? t('association.unknown', { code }) : t('error.unexpected'));
    return;
  }
  clearProblems(profileForm);
  VERSION_FORMS.forEach((part) => {
    hidePreview(part);
    clearProblems(formOf(part));
  });
  show(answer.body);
  announce(status, '');
}

/** @param {string} chosen */
async function listAssociations(chosen) {
  /** @type {Answer<Association[]>} */
  const answer = await callApi('/api/associations');
  if (!answer.ok) {
    announce(status, t('error.unexpected'));
    return;
  }
  const associations = answer.body;
  const options = () => associations.map((association) => new Option(`${association.name} (${association.code})`,
    association.code, false, association.code === chosen));
  byId('choose-code').replaceChildren(...options());
  byId('create-policyFrom').replaceChildren(...options());
}

byId('choose-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const code = byId('choose-code', HTMLSelectElement).value;
  history.replaceState(null, '', `?${new URLSearchParams({ code })}`);
  open(code);
});

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(createForm);
  announce(status, t('association.creating'));
  /** @type {Answer<Association>} */
  const source = await callApi(`/api/associations/${encodeURIComponent(byId('create-policyFrom', HTMLSelectElement).value)}`);
  if (!source.ok) {
    announce(status, t('error.unexpected'));
    return;
  }
  const values = valuesOf(createForm, CREATE);
  const typed = nested(values);
  const from = source.body;
  /** @type {Answer<Association>} */
  const answer = await callApi('/api/associations', { method: 'POST', json: {
    code: typed.code, name: typed.name, state: typed.state, timeZone: typed.timeZone, languages: typed.languages,
    categories: from.categories, badgeIssuer: { name: values['badgeIssuer.name'], signingKeyReference: null },
    exam: from.exam, references: from.references, membership: from.membership, requirements: from.requirements,
    fees: from.fees, renewal: from.renewal, evidence: from.evidence,
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
  if (record) {
    VERSION_FORMS.forEach((part) => {
      renderPreview(part);
      effectiveFromHint(part);
    });
  }
});

const me = await startPage({ screens: ['association'], roles: ['TENANT_ADMIN', 'PLATFORM_ADMIN'] });
byId('profile-fields').replaceChildren(...PROFILE.map((spec) => control('profile-form', spec)));
byId('version-forms').replaceChildren(...VERSION_FORMS.map(versionSection));
if (me.role === 'PLATFORM_ADMIN') {
  byId('create-fields').replaceChildren(...CREATE.map((spec) => control('create-form', spec)));
  const asked = new URLSearchParams(location.search).get('code') || me.tenant;
  byId('platform').hidden = false;
  await listAssociations(asked);
  open(asked);
} else {
  open(me.tenant);
}
