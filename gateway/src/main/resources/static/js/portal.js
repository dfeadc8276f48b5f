// The applicant's home: their applications and endorsements (those granted here and those their association brought
// along), a pointer to the endorsements waiting to be claimed, and starting an application in a category chosen with
// the association's guidance.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems, requestKeys } from './api.js';
import { el, byId, field, find } from './dom.js';
import { statusTag, announce } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

// The guidance that says what each of the Alliance's categories is for and asks, in its Infant (0-3) and Early
// Childhood (3-6) form (docs/architecture.md, Domain rules; the association's own figures are in its requirement
// check). Which categories can be chosen is the association's: its public record lists those it offers.
/** @type {Record<string, string>} */
const GUIDANCE = {
  IFA: 'associate', ECFA: 'associate', IFS: 'specialist', ECFS: 'specialist', IMHS: 'mentalHealth',
  ECMHS: 'mentalHealth', 'IMHM-C': 'mentorClinical', 'ECMHM-C': 'mentorClinical', 'IMHM-P': 'mentorPolicy',
  'ECMHM-P': 'mentorPolicy', 'IMHM-R': 'mentorResearch', 'ECMHM-R': 'mentorResearch',
};
// Problems of the association's rules that concern one field of the form.
/** @type {Record<string, string>} */
const RULE_FIELDS = {
  'applies-in-state-of-residence': 'stateOfResidence',
  'category-not-offered': 'category',
  'unknown-category': 'category',
  'one-application-in-progress': 'category',
};
const GOOD = ['GRANTED', 'PORTFOLIO_APPROVED', 'EXAM_PASSED'];
const WARNING = ['RETURNED', 'DENIED', 'EXAM_FAILED', 'SUBMITTED'];

const form = byId('start', HTMLFormElement);
const status = byId('portal-status');
/**
 * @typedef {import('./views.js').ApplicationView} ApplicationView
 * @typedef {import('./views.js').EndorsementView} EndorsementView
 * @typedef {{ endorsementNumber: string, category: string, validThrough: string | null }} Held
 */

/** @type {ApplicationView[] | null} */
let applications = null;
// renewal-service's answer for the person: the endorsements they hold (imported ones they claimed among them) and
// those their association imported under their verified address, which wait for them on /claim.html.
/** @type {{ endorsements: EndorsementView[], claimable: unknown[] }} */
let endorsements = { endorsements: [], claimable: [] };
// The categories the person's association offers, in its record's order (GET /api/associations).
/** @type {string[]} */
let offered = [];

function renderCategories() {
  const select = find(form, '[name=category]', HTMLSelectElement);
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '', text: t('field.choose') }),
    ...offered.map((category) => el('option', { value: category, text: t(`category.${category}`) })));
  select.value = chosen;
  renderGuidance();
}

function renderGuidance() {
  const category = field(form, 'category').value;
  const guidance = byId('start-category-guidance');
  if (!category) {
    guidance.replaceChildren();
    return;
  }
  const age = category.startsWith('EC') ? 'guidance.earlyChildhood' : 'guidance.infant';
  guidance.replaceChildren(...(GUIDANCE[category] ? [el('p', { text: t(`guidance.${GUIDANCE[category]}.for`) }),
    el('p', { text: t(`guidance.${GUIDANCE[category]}.asks`) })] : []), el('p', { text: t(age) }));
}

/** @param {ApplicationView} application */
function applicationItem(application) {
  const heading = el('h3', {}, el('a', {
    href: `/application.html?id=${encodeURIComponent(application.applicationId)}`,
    text: t(`category.${application.category}`),
  }));
  const lines = [heading,
    el('p', {}, statusTag('status', application.status, GOOD, WARNING), ' ',
      t('portal.since', { date: formatDate(String(application.statusSince).slice(0, 10)) }))];
  if (application.endorsementNumber) {
    lines.push(el('p', {}, t('portal.endorsementNumber'), ' ', el('a', {
      href: `/endorsement.html?number=${encodeURIComponent(application.endorsementNumber)}`,
      text: application.endorsementNumber,
    })));
  }
  return el('li', { className: 'entry' }, lines);
}

/** @param {Held} application */
function endorsementItem(application) {
  return el('li', { className: 'entry' },
    el('h3', {}, el('a', {
      href: `/endorsement.html?number=${encodeURIComponent(application.endorsementNumber)}`,
      text: t('portal.endorsementTitle', { number: application.endorsementNumber }),
    })),
    el('p', { text: t(`category.${application.category}`) }),
    application.validThrough ? el('p', { text: t('portal.validThrough', { date: formatDate(application.validThrough) }) })
      : null);
}

function render() {
  renderCategories();
  if (!applications) {
    return;
  }
  byId('applications').replaceChildren(...applications.map(applicationItem));
  byId('applications-none').hidden = applications.length > 0;
  /** @type {Held[]} */
  const granted = applications.flatMap(({ endorsementNumber, category, validThrough }) => (endorsementNumber
    ? [{ endorsementNumber, category, validThrough }] : []));
  const numbers = new Set(granted.map((application) => application.endorsementNumber));
  const held = [...granted, ...endorsements.endorsements
    .filter((endorsement) => !numbers.has(endorsement.endorsementNumber))];
  byId('endorsements').replaceChildren(...held.map(endorsementItem));
  byId('endorsements-section').hidden = held.length === 0;
  byId('claim-notice').hidden = endorsements.claimable.length === 0;
  // One category at a time: while one is in progress, starting another would be refused anyway.
  const inProgress = applications.some((application) => !['GRANTED', 'DENIED', 'WITHDRAWN'].includes(application.status));
  byId('start-section').hidden = inProgress;
}

/** @param {string} tenant the association the person acts in */
async function load(tenant) {
  status.textContent = t('portal.loading');
  const [answer, held, associations] = await Promise.all([
    /** @type {Promise<Answer<ApplicationView[]>>} */ (callApi('/api/applications/mine')),
    /** @type {Promise<Answer<{ endorsements: EndorsementView[], claimable: unknown[] }>>} */ (
      callApi('/api/endorsements/mine')),
    /** @type {Promise<Answer<{ code: string, categories: string[] }[]>>} */ (callApi('/api/associations'))]);
  if (!answer.ok || !associations.ok) {
    status.textContent = t('portal.loadFailed');
    return;
  }
  const association = associations.body.find((summary) => summary.code === tenant);
  offered = association ? association.categories : [];
  applications = answer.body;
  if (held.ok) {
    endorsements = held.body;
  }
  status.textContent = '';
  render();
}

// A start sent again after no answer (the network, a restart) keeps its key and starts one application.
const keys = requestKeys();

/** @param {SubmitEvent} event */
async function start(event) {
  event.preventDefault();
  clearProblems(form);
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('portal.starting'));
  const json = {
    category: field(form, 'category').value,
    applicantName: field(form, 'applicantName').value.trim(),
    contactEmail: field(form, 'contactEmail').value.trim(),
    stateOfResidence: field(form, 'stateOfResidence').value.trim().toUpperCase(),
  };
  try {
    /** @type {Answer<ApplicationView>} */
    const answer = await callApi('/api/applications',
      { method: 'POST', json, idempotencyKey: keys.keyFor('start', json) });
    keys.answered('start');
    if (answer.ok) {
      location.assign(`/application.html?id=${encodeURIComponent(answer.body.applicationId)}`);
      return;
    }
    status.textContent = t('portal.notStarted');
    const problem = answer.body || {};
    const ruleField = problem.rule ? RULE_FIELDS[problem.rule] : undefined;
    if (problem.rule === 'membership-required') {
      // The association asks applicants to become members first: a rule of no one field.
      showProblem(form, { detail: t('error.membership-required') });
      return;
    }
    showProblem(form, ruleField
      ? { errors: [{ field: ruleField, rule: problem.rule, message: problem.detail }] } : problem);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

form.addEventListener('submit', start);
find(form, '[name=category]', HTMLSelectElement).addEventListener('change', renderGuidance);
onLanguage(render);
const started = await startPage({ screens: ['portal'], roles: ['APPLICANT', 'ENDORSEE'] });
if (started) {
  await load(started.tenant);
}
