// /console.html: the association's work queue. A coordinator chooses a status and sees its applications, the longest
// waiting first; a reviewer sees the portfolios assigned to them that wait for their review, and the exam sittings
// they score, each under a candidate code and never the candidate's name.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { el, byId, field, findAll } from './dom.js';
import { table, formatInstant, waitingSince, statusTag, explain } from './staff.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * An exam sitting a reviewer scores: under its candidate code, the parts it has and those already scored.
 *
 * @typedef {{ candidateCode: string, category: string, sittingOn: string, parts: string[], scoredParts: string[] }}
 *   Sitting
 * @typedef {import('./views.js').ApplicationView} ApplicationView
 */

const SIZE = 20;
const form = byId('queue-form', HTMLFormElement);
const status = byId('status', HTMLSelectElement);
const line = byId('queue-status');
const area = byId('queue');
const previous = byId('previous');
const next = byId('next');

/** @type {string | null} */
let role = null;
/** @type {{ status: string | null, page: number, applications: ApplicationView[] } | null} */
let shown = null;

/** @param {ApplicationView} application */
function applicantLink(application) {
  return el('a', { href: `/review.html?id=${encodeURIComponent(application.applicationId)}` },
    application.applicantName);
}

function render() {
  if (!shown) {
    return;
  }
  const { applications } = shown;
  const reviewer = role === 'REVIEWER';
  if (!applications.length) {
    line.textContent = reviewer ? t('console.noneAssigned') : t('console.none', { status: t(`status.${shown.status}`) });
    area.replaceChildren();
  } else {
    line.textContent = t(applications.length === 1 ? 'console.countOne' : 'console.count',
      { n: applications.length, status: t(`status.${shown.status || 'IN_REVIEW'}`) });
    area.replaceChildren(table(reviewer ? t('console.assignedCaption') : t('console.caption',
      { status: t(`status.${shown.status}`) }),
    [t('console.applicant'), t('console.category'), t('console.statusColumn'), t('console.submitted'),
      t('console.since'), t('console.waiting')],
    applications.map((application) => [applicantLink(application), t(`category.${application.category}`),
      statusTag(application.status), application.submittedAt ? formatInstant(application.submittedAt) : '',
      formatInstant(application.statusSince), waitingSince(application.statusSince)])));
  }
  previous.hidden = reviewer || shown.page === 0;
  next.hidden = reviewer || applications.length < SIZE;
}

/**
 * @param {string | null} chosen the status a coordinator chose; none for a reviewer's own queue
 * @param {number} page
 */
async function load(chosen, page) {
  line.textContent = t('console.loading');
  const path = role === 'REVIEWER' ? '/api/applications/assigned'
    : `/api/applications?${new URLSearchParams({ status: chosen ?? '', page: String(page), size: String(SIZE) })}`;
  /** @type {Answer<ApplicationView[]>} */
  const answer = await callApi(path);
  if (!answer.ok) {
    line.textContent = '';
    explain(form, answer);
    form.hidden = false;
    return;
  }
  shown = { status: chosen, page, applications: answer.body };
  if (role !== 'REVIEWER') {
    history.replaceState(null, '', `?${new URLSearchParams({ status: chosen ?? '', page: String(page) })}`);
  }
  render();
}

const scoreForm = byId('score-form', HTMLFormElement);
const scoringLine = byId('scoring-status');
/** @type {Sitting[] | null} */
let sittings = null;

function renderSittings() {
  if (!sittings) {
    return;
  }
  const parts = (/** @type {string[]} */ list) => list.map((part) => t(`part.${part}`)).join(', ');
  byId('sittings').replaceChildren(sittings.length ? table(t('console.sittingsCaption'),
    [t('console.candidateCode'), t('console.category'), t('console.sittingOn'), t('console.parts'),
      t('console.scoredParts')],
    sittings.map((s) => [s.candidateCode, t(`category.${s.category}`), formatDate(s.sittingOn), parts(s.parts),
      s.scoredParts.length ? parts(s.scoredParts) : t('console.noneYet')]))
    : el('p', {}, t('console.noSittings')));
  const select = byId('score-candidate', HTMLSelectElement);
  const chosen = select.value;
  select.replaceChildren(...sittings.map((s) => el('option', { value: s.candidateCode }, s.candidateCode)));
  if (sittings.some((s) => s.candidateCode === chosen)) {
    select.value = chosen;
  }
  scoreForm.hidden = !sittings.length;
}

async function loadSittings() {
  /** @type {Answer<Sitting[]>} */
  const answer = await callApi('/api/applications/exam-sittings');
  sittings = answer.ok ? answer.body : [];
  renderSittings();
}

scoreForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const code = field(scoreForm, 'candidateCode').value;
  const percent = field(scoreForm, 'percent').value === '' ? null : Number(field(scoreForm, 'percent').value);
  const answer = await callApi(`/api/applications/exam-sittings/${encodeURIComponent(code)}/scores`,
    { method: 'POST', json: { part: field(scoreForm, 'part').value, percent } });
  if (!answer.ok) {
    scoringLine.textContent = '';
    explain(scoreForm, answer);
    return;
  }
  scoreForm.reset();
  await loadSittings();
  scoringLine.textContent = t('console.scoreEntered');
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load(status.value, 0);
});
previous.addEventListener('click', () => {
  if (shown) load(shown.status, Math.max(0, shown.page - 1));
});
next.addEventListener('click', () => {
  if (shown) load(shown.status, shown.page + 1);
});
onLanguage(() => {
  render();
  renderSittings();
});

const page = await startPage({ screens: ['console'], roles: ['COORDINATOR', 'REVIEWER'] });
({ role } = page);
if (role === 'REVIEWER') {
  byId('queue-heading').dataset.i18n = 'console.reviewerHeading';
  byId('queue-intro').dataset.i18n = 'console.reviewerIntro';
  byId('queue-heading').textContent = t('console.reviewerHeading');
  byId('queue-intro').textContent = t('console.reviewerIntro');
  load(null, 0);
  byId('scoring').hidden = false;
  loadSittings();
} else {
  form.hidden = false;
  findAll(document, '.coordinator-only').forEach((item) => {
    item.hidden = false;
  });
  const asked = new URLSearchParams(location.search);
  const askedStatus = asked.get('status');
  if (askedStatus !== null && [...status.options].some((option) => option.value === askedStatus)) {
    status.value = askedStatus;
  }
  load(status.value, Math.max(0, Number(asked.get('page')) || 0));
}
