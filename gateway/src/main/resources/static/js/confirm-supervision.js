// The reflective supervision provider's page, reached from the link in their mail without an account. As on the rating
// page, the link's secret is in the fragment (confirm-supervision.html#<secret>), so that it never reaches a server's
// log as part of a page address; the page sends it to the API, once to read the sessions and once to answer.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { getJson, showProblem, clearProblems } from './api.js';
import { el } from './dom.js';
import { fact, announce } from './portal-kit.js';

const secret = location.hash.slice(1);
const path = `/api/supervision-confirmations/${encodeURIComponent(secret)}`;
const form = document.getElementById('confirm');
const status = document.getElementById('confirm-status');
const sessions = document.getElementById('confirm-sessions');

let asked = null; // the sessions as the API answered them
let ended = null; // why the link no longer opens them: a 410 problem's rule, 'unknown' or 'sent'

function input(index, name, props) {
  const id = `confirm-${index}-${name}`;
  return el('div', { className: 'field' },
    el('label', { htmlFor: id, className: `confirm-label-${name}`, text: t(`confirm.${name}`) }),
    el(props.tag || 'input', { id, name: `sessions[${index}].${name}`, ...props.attributes,
      attrs: { 'aria-describedby': `${id}-error` } }),
    el('p', { className: 'field-error', id: `${id}-error` }));
}

function sessionFieldset(session, index) {
  return el('fieldset', { className: 'field' },
    el('legend', { className: 'confirm-legend', text: t('confirm.session', { number: index + 1 }) }),
    input(index, 'heldOn', { attributes: { type: 'date', value: session.heldOn } }),
    input(index, 'hours', { attributes: { type: 'number', min: '0.5', max: '12', step: '0.5',
      value: String(session.hours) } }),
    input(index, 'note', { tag: 'textarea', attributes: { rows: 2, maxLength: 1000 } }));
}

function render() {
  if (ended === 'sent') {
    form.hidden = true;
    document.getElementById('confirm-intro').hidden = true;
    document.getElementById('confirm-done').hidden = false;
    status.textContent = '';
    return;
  }
  if (ended) {
    form.hidden = true;
    document.getElementById('confirm-gone').hidden = false;
    document.getElementById('confirm-gone-title').textContent = t(`confirm.gone.${ended}`);
    document.getElementById('confirm-gone-detail').textContent = t(`confirm.gone.${ended}.detail`);
    status.textContent = '';
    return;
  }
  if (!asked) {
    return;
  }
  status.textContent = '';
  document.getElementById('confirm-intro').hidden = false;
  document.getElementById('confirm-request').textContent = t('confirm.request', {
    provider: asked.providerName, applicant: asked.applicantName, association: asked.association,
  });
  document.getElementById('confirm-facts').replaceChildren(
    ...fact(t('confirm.applicant'), asked.applicantName),
    ...fact(t('confirm.association'), asked.association),
    ...fact(t('confirm.providerNumber'), asked.providerEndorsementNumber),
    ...fact(t('confirm.linkExpires'), formatDate(String(asked.linkExpiresAt).slice(0, 10))));
  // Rebuilding the sessions on a change of language would lose what was typed: only their labels change.
  if (!sessions.childElementCount) {
    sessions.replaceChildren(...asked.sessions.map(sessionFieldset));
  } else {
    sessions.querySelectorAll('.confirm-legend').forEach((legend, index) => {
      legend.textContent = t('confirm.session', { number: index + 1 });
    });
    ['heldOn', 'hours', 'note'].forEach((name) => sessions.querySelectorAll(`.confirm-label-${name}`)
      .forEach((label) => { label.textContent = t(`confirm.${name}`); }));
  }
  form.hidden = false;
}

function answersOf() {
  return asked.sessions.map((session, index) => {
    const value = (name) => form.elements[`sessions[${index}].${name}`].value;
    const hours = value('hours');
    return {
      entryId: session.entryId, heldOn: value('heldOn') || null, hours: hours === '' ? null : Number(hours),
      note: value('note').trim() || null,
    };
  });
}

async function send(event) {
  event.preventDefault();
  clearProblems(form);
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  announce(status, t('confirm.sending'));
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: JSON.stringify({ sessions: answersOf() }),
    });
    const body = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
    if (response.ok) {
      ended = 'sent';
      // The link is spent: keep its secret out of the browser's history from now on.
      history.replaceState(null, '', location.pathname);
      render();
      document.getElementById('confirm-done').focus();
      return;
    }
    if (response.status === 410 || response.status === 404) {
      ended = response.status === 404 ? 'unknown' : (body && body.rule) || 'supervision-link-used';
      render();
      return;
    }
    status.textContent = '';
    showProblem(form, body);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('confirm.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

form.addEventListener('submit', send);
// Another provider's link opened in this tab differs only in its fragment, which the browser does not load anew.
window.addEventListener('hashchange', () => location.reload());
onLanguage(render);
await startPage({ screens: ['confirm-supervision'] });

if (!secret) {
  ended = 'unknown';
  render();
} else {
  const answer = await getJson(path, { fresh: true });
  if (answer.status === 404) {
    ended = 'unknown';
  } else if (answer.status === 410) {
    ended = (answer.body && answer.body.rule) || 'supervision-link-used';
  } else if (!answer.ok) {
    status.textContent = t('confirm.unreachable');
  } else {
    asked = answer.body;
  }
  render();
}
