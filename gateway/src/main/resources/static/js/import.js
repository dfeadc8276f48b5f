// /import.html: the association's admin checks a CSV file of its current endorsees (a dry run: every problem by line,
// column and rule, nothing written), then imports it and follows the import's progress by polling its resource until
// it is FINISHED, with what was imported, unchanged and failed.
import { onLanguage, t, has, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { table, formatInstant } from './staff.js';
import { el, byId, find } from './dom.js';
import { announce } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

const PATH = '/api/applications/endorsee-imports';
// How often a running import is asked for its progress.
const POLL_EVERY = 1000;
// The import being followed, kept for the tab, so that a reload goes on following it.
const FOLLOWED = 'iecmh.endorsee-import';

/**
 * A problem of a line of the file (its column, or the whole row), the dry run's answer, and the import's resource.
 *
 * @typedef {{ line: number, column: string | null, rule: string, message: string }} ImportProblem
 * @typedef {{ total: number, valid: number, problems: ImportProblem[] }} Check
 * @typedef {{ status: string, total: number, done: number, imported: number, unchanged: number, failed: number,
 *   problems: ImportProblem[] | null, importedBy: string, startedAt: string, finishedAt: string | null,
 *   fileSha256: string }} ImportProgress
 */

const form = byId('import-form', HTMLFormElement);
const file = byId('import-file', HTMLInputElement);
const startButton = byId('import-start', HTMLButtonElement);
const status = byId('import-status');

/** @type {Check | null} */
let checked = null; // the dry run's answer for the chosen file
/** @type {ImportProgress | null} */
let progress = null; // the import's resource as last read

/** @param {number} n */
function count(n) {
  return new Intl.NumberFormat(currentLanguage()).format(n);
}

/**
 * A problem's rule in the reader's words; the API's own sentence where the catalogue has none.
 *
 * @param {ImportProblem} problem
 */
function worded(problem) {
  const key = `import.rule.${problem.rule}`;
  return has(key) ? t(key) : problem.message;
}

/**
 * @param {string} caption
 * @param {ImportProblem[]} problems
 */
function problemTable(caption, problems) {
  return table(caption, [t('import.line'), t('import.column'), t('import.problem')],
    problems.map((problem) => [String(problem.line), problem.column ? el('code', { text: problem.column })
      : t('import.wholeRow'), worded(problem)]));
}

function renderCheck() {
  if (!checked) {
    byId('check-result').replaceChildren();
    return;
  }
  const summary = t('import.checked', { total: count(checked.total), valid: count(checked.valid),
    problems: count(checked.problems.length) });
  // Only nodes go in: a null left in the list would be written out as the text "null".
  byId('check-result').replaceChildren(
    el('p', { className: checked.problems.length ? 'notice warning' : 'notice good', text: summary }),
    ...(checked.problems.length ? [problemTable(t('import.problemsCaption'), checked.problems)] : []));
}

function renderProgress() {
  if (!progress) {
    byId('progress-line').hidden = true;
    byId('import-result').replaceChildren();
    return;
  }
  byId('progress-line').hidden = false;
  const bar = byId('import-progress', HTMLProgressElement);
  bar.max = Math.max(progress.total, 1);
  bar.value = progress.total === 0 && progress.status === 'FINISHED' ? 1 : progress.done;
  const counted = { done: count(progress.done), total: count(progress.total) };
  byId('progress-text').textContent = progress.status === 'FINISHED'
    ? t('import.finished', counted) : t('import.running', counted);
  if (progress.status !== 'FINISHED') {
    byId('import-result').replaceChildren();
    return;
  }
  const failed = progress.problems || [];
  byId('import-result').replaceChildren(
    el('h3', { id: 'result-heading', tabIndex: -1, text: t('import.resultHeading') }),
    el('dl', { className: 'facts' },
      el('dt', { text: t('import.imported') }), el('dd', { id: 'result-imported', text: count(progress.imported) }),
      el('dt', { text: t('import.unchanged') }), el('dd', { id: 'result-unchanged', text: count(progress.unchanged) }),
      el('dt', { text: t('import.failed') }), el('dd', { id: 'result-failed', text: count(progress.failed) }),
      el('dt', { text: t('import.by') }), el('dd', { text: t('import.byWhom', { who: progress.importedBy,
        started: formatInstant(progress.startedAt), finished: formatInstant(progress.finishedAt) }) }),
      el('dt', { text: t('import.sha') }), el('dd', {}, el('code', { text: progress.fileSha256 }))),
    ...(failed.length ? [problemTable(t('import.failedCaption'), failed)] : []));
}

/** @param {string | null} location */
function follow(location) {
  if (location) {
    sessionStorage.setItem(FOLLOWED, location);
  } else {
    sessionStorage.removeItem(FOLLOWED);
  }
}

/** @param {string} location */
async function poll(location) {
  /** @type {Answer<ImportProgress>} */
  const answer = await callApi(location);
  if (!answer.ok) {
    follow(null);
    progress = null;
    renderProgress();
    announce(status, answer.status === 404 ? t('import.lost') : t('error.unexpected'));
    return;
  }
  const read = answer.body;
  progress = read;
  renderProgress();
  if (read.status !== 'FINISHED') {
    setTimeout(() => poll(location), POLL_EVERY);
    return;
  }
  follow(null);
  startButton.disabled = !checked;
  announce(status, t('import.announceFinished', { imported: count(read.imported),
    unchanged: count(read.unchanged), failed: count(read.failed) }));
  byId('result-heading').focus();
}

/**
 * Sends the chosen file as it is (text/csv): checked only, or imported.
 *
 * @template T what the answer is: the check, or where the import's progress is
 * @param {boolean} dryRun
 * @returns {Promise<Answer<T>>}
 */
function send(dryRun) {
  return callApi(dryRun ? `${PATH}?dryRun=true` : PATH, { method: 'POST', body: chosenFile(),
    contentType: 'text/csv' });
}

/** The file chosen, if any. */
function chosenFile() {
  return file.files && file.files.length ? file.files[0] : undefined;
}

/** @param {import('./api.js').Problem | null} problem the refusal's */
function refused(problem) {
  announce(status, '');
  if (problem && (problem.errors || problem.detail)) {
    showProblem(form, problem);
  } else {
    find(form, '.form-error').textContent = t('error.unexpected');
  }
}

file.addEventListener('change', () => {
  checked = null;
  startButton.disabled = true;
  clearProblems(form);
  renderCheck();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(form);
  if (!chosenFile()) {
    showProblem(form, { errors: [{ field: 'file', rule: 'choose-file' }] });
    return;
  }
  checked = null;
  renderCheck();
  announce(status, t('import.checking'));
  /** @type {Answer<Check>} */
  const answer = await send(true);
  if (!answer.ok) {
    refused(answer.body);
    return;
  }
  const check = answer.body;
  checked = check;
  renderCheck();
  startButton.disabled = check.valid === 0;
  announce(status, t('import.checkedAnnounce',
    { valid: count(check.valid), problems: count(check.problems.length) }));
});

startButton.addEventListener('click', async () => {
  clearProblems(form);
  startButton.disabled = true;
  progress = null;
  renderProgress();
  /** @type {Answer<{ location: string }>} */
  const answer = await send(false);
  if (!answer.ok) {
    startButton.disabled = false;
    refused(answer.body);
    return;
  }
  announce(status, t('import.started'));
  follow(answer.body.location);
  poll(answer.body.location);
});

onLanguage(() => {
  renderCheck();
  renderProgress();
});

await startPage({ screens: ['association'], roles: ['TENANT_ADMIN'] });
const followed = sessionStorage.getItem(FOLLOWED);
if (followed) {
  poll(followed);
}
