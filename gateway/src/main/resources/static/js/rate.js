// The reference rater's form, reached from the link in their mail without an account. The link's secret is in the
// fragment (rate.html#<secret>), so that it never reaches a server's log as part of a page address; the page sends
// it to the API itself, once to read the form and once to answer it.
import { onLanguage, t, formatDate, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { getJson, showProblem, clearProblems } from './api.js';
import { el, byId, field, find, findAll } from './dom.js';
import { fact, announce } from './portal-kit.js';

const secret = location.hash.slice(1);
const path = `/api/references/${encodeURIComponent(secret)}`;
const form = byId('rate', HTMLFormElement);
const status = document.getElementById('rate-status');
const items = document.getElementById('rate-items');

let asked = null; // the form as the API answered it
let ended = null; // why the link no longer opens the form: a 410 problem's rule, 'unknown' or 'sent'

/** The item as the association worded it in the page's language, its English where it gave none. */
function itemText(item, index) {
  const translated = item.translations && item.translations[currentLanguage()];
  return `${index + 1}. ${translated || item.text}`;
}

function itemFieldset(item, index, answers) {
  const firstId = `rate-item-${index}-${answers[0]}`;
  const legendId = `rate-item-${index}-legend`;
  return el('fieldset', { className: 'field', attrs: { 'aria-describedby': `${firstId}-error` } },
    el('legend', { id: legendId, text: itemText(item, index) }),
    el('div', { className: 'answers' }, answers.map((answer) => {
      const id = `rate-item-${index}-${answer}`;
      const radio = el('input', { type: 'radio', id, name: `answers.${item.id}`, value: answer });
      return el('div', { className: 'choice' }, radio, el('label', { htmlFor: id, text: t(`rate.answer.${answer}`) }));
    })),
    el('p', { className: 'field-error', id: `${firstId}-error` }));
}

function render() {
  const gone = document.getElementById('rate-gone');
  if (ended === 'sent') {
    form.hidden = true;
    document.getElementById('rate-intro').hidden = true;
    document.getElementById('rate-done').hidden = false;
    status.textContent = '';
    return;
  }
  if (ended) {
    form.hidden = true;
    gone.hidden = false;
    document.getElementById('rate-gone-title').textContent = t(`rate.gone.${ended}`);
    document.getElementById('rate-gone-detail').textContent = t(`rate.gone.${ended}.detail`);
    status.textContent = '';
    return;
  }
  if (!asked) {
    return;
  }
  status.textContent = '';
  document.getElementById('rate-intro').hidden = false;
  document.getElementById('rate-request').textContent = t('rate.request', {
    rater: asked.raterName, applicant: asked.applicantName, association: asked.association,
  });
  document.getElementById('rate-facts').replaceChildren(
    ...fact(t('rate.applicant'), asked.applicantName),
    ...fact(t('rate.category'), t(`category.${asked.category}`)),
    ...fact(t('rate.association'), asked.association),
    ...fact(t('rate.relationship'), t(`relationship.${asked.relationship}`)),
    ...fact(t('rate.linkExpires'), formatDate(String(asked.linkExpiresAt).slice(0, 10))));
  // Rebuilding the items on a change of language would lose the answers chosen: only their labels change.
  if (!items.childElementCount) {
    items.replaceChildren(...asked.items.map((item, index) => itemFieldset(item, index, asked.answers)));
  } else {
    findAll(items, '.choice label', HTMLLabelElement).forEach((label) => {
      label.textContent = t(`rate.answer.${byId(label.htmlFor, HTMLInputElement).value}`);
    });
    asked.items.forEach((item, index) => {
      document.getElementById(`rate-item-${index}-legend`).textContent = itemText(item, index);
    });
  }
  form.hidden = false;
}

function answersOf() {
  const answers = {};
  asked.items.forEach((item) => {
    const chosen = /** @type {HTMLInputElement | null} */ (
      form.querySelector(`input[name="answers.${CSS.escape(item.id)}"]:checked`));
    if (chosen) {
      answers[item.id] = chosen.value;
    }
  });
  return answers;
}

async function send(event) {
  event.preventDefault();
  clearProblems(form);
  const known = field(form, 'knownForMonths').value;
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('rate.sending'));
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: JSON.stringify({
        knownForMonths: known === '' ? null : Number(known), answers: answersOf(),
        comments: field(form, 'comments').value.trim() || null,
      }),
    });
    const body = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
    if (response.ok) {
      ended = 'sent';
      // The link is spent: keep its secret out of the browser's history from now on.
      history.replaceState(null, '', location.pathname);
      render();
      // Focus carries the thanks to a screen reader as the form disappears.
      document.getElementById('rate-done').focus();
      return;
    }
    if (response.status === 410 || response.status === 404) {
      ended = response.status === 404 ? 'unknown' : (body && body.rule) || 'reference-link-used';
      render();
      return;
    }
    status.textContent = '';
    showProblem(form, body);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('rate.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

form.addEventListener('submit', send);
// Another rater's link opened in this tab differs only in its fragment, which the browser does not load anew.
window.addEventListener('hashchange', () => location.reload());
onLanguage(render);
await startPage({ screens: ['rate'] });

if (!secret) {
  ended = 'unknown';
  render();
} else {
  const answer = await getJson(path, { fresh: true });
  if (answer.status === 404) {
    ended = 'unknown';
  } else if (answer.status === 410) {
    ended = (answer.body && answer.body.rule) || 'reference-link-used';
  } else if (!answer.ok) {
    status.textContent = t('rate.unreachable');
  } else {
    asked = answer.body;
  }
  render();
}
