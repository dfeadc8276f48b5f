// /notifications.html: what each service mailed the signed-in person, newest first, with its state and the page it
// leads to; and where and in which language they are mailed (association-service keeps it once for every service).
import { onLanguage, t, formatMoment } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { el, byId, field, find } from './dom.js';
import { statusTag, announce } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

// Every service that mails someone answers what it sent them at <prefix>/mail/mine.
const SOURCES = ['/api/applications/mail/mine', '/api/endorsements/mail/mine', '/api/payments/mail/mine'];
const PREFERENCES = '/api/associations/mail-preferences/mine';
const ROLES = ['APPLICANT', 'ENDORSEE', 'REVIEWER', 'COORDINATOR', 'AUDITOR', 'TENANT_ADMIN', 'PLATFORM_ADMIN'];

const status = byId('mail-status');
const form = byId('preferences', HTMLFormElement);
/**
 * A mail a service sent (or is sending) the person: its subject, the page it leads to, where it went and its state.
 *
 * @typedef {{ subject: string, link: string | null, recipient: string, status: string, recordedAt: string,
 *   sentAt: string | null }} Mail
 */

/** @type {Mail[] | null} */
let mails = null;
let incomplete = false;

/** @param {Mail} mail */
function mailItem(mail) {
  const subject = mail.link ? el('a', { href: mail.link, text: mail.subject }) : mail.subject;
  const when = mail.sentAt || mail.recordedAt;
  return el('li', { className: 'entry' },
    el('h3', {}, subject),
    el('p', {}, statusTag('mail.status', mail.status, ['SENT'], ['FAILED']), ' ',
      el('time', { dateTime: when, text: formatMoment(when) })),
    el('p', { text: t('mail.to', { address: mail.recipient }) }));
}

function render() {
  if (!mails) {
    return;
  }
  byId('sent').replaceChildren(...mails.map(mailItem));
  byId('sent-none').hidden = mails.length > 0;
  status.textContent = incomplete ? t('mail.partlyLoaded') : '';
}

async function loadMail() {
  status.textContent = t('mail.loading');
  const answers = await Promise.all(SOURCES.map((source) => /** @type {Promise<Answer<Mail[]>>} */ (callApi(source))
    .catch(() => null)));
  incomplete = answers.some((answer) => !answer || !answer.ok);
  const sent = answers.flatMap((answer) => (answer && answer.ok ? answer.body : []));
  mails = sent.sort((a, b) => String(b.recordedAt).localeCompare(String(a.recordedAt)));
  render();
}

async function loadPreferences() {
  /** @type {Answer<{ emailAddress: string | null, language: string | null }>} */
  const answer = await callApi(PREFERENCES);
  if (answer.ok) {
    field(form, 'emailAddress').value = answer.body.emailAddress || '';
    field(form, 'language').value = answer.body.language || '';
  }
}

/** @param {SubmitEvent} event */
async function save(event) {
  event.preventDefault();
  clearProblems(form);
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  announce(status, t('mail.saving'));
  const json = {
    emailAddress: field(form, 'emailAddress').value.trim() || null,
    language: field(form, 'language').value || null,
  };
  try {
    const answer = await callApi(PREFERENCES, { method: 'PUT', json });
    if (answer.ok) {
      announce(status, t('mail.saved'));
      return;
    }
    announce(status, t('mail.notSaved'));
    showProblem(form, answer.body);
  } catch (unreachable) {
    status.textContent = '';
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

form.addEventListener('submit', save);
onLanguage(render);
await startPage({ screens: ['notifications'], roles: ROLES });
await Promise.all([loadMail(), loadPreferences()]);
