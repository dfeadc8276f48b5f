// The reflective supervision provider's page, reached from the link in their mail without an account
// (confirm-supervision.html#<secret>, a one-time link as a rater's): the sessions the applicant logged with the
// provider's number, each confirmed as logged or stated as it was.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { el, byId, field } from './dom.js';
import { fact } from './portal-kit.js';
import { oneTimeLink } from './one-time-link.js';

/**
 * What the provider is asked: to confirm the sessions the applicant logged with their number.
 *
 * @typedef {{ entryId: string, heldOn: string, hours: number }} LoggedSession
 * @typedef {{ providerName: string, applicantName: string, association: string, providerEndorsementNumber: string,
 *   linkExpiresAt: string, sessions: LoggedSession[] }} ConfirmationRequest
 */

/** @type {import('./one-time-link.js').OneTimeLink<ConfirmationRequest>} */
const link = oneTimeLink('confirm', '/api/supervision-confirmations', 'supervision-link-used');
const { form } = link;
const sessions = byId('confirm-sessions');

/**
 * @param {number} index
 * @param {string} name
 * @param {{ tag?: 'input' | 'textarea', attributes: Record<string, unknown> }} props
 */
function input(index, name, props) {
  const id = `confirm-${index}-${name}`;
  return el('div', { className: 'field' },
    el('label', { htmlFor: id, className: `confirm-label-${name}`, text: t(`confirm.${name}`) }),
    el(props.tag || 'input', { id, name: `sessions[${index}].${name}`, ...props.attributes,
      attrs: { 'aria-describedby': `${id}-error` } }),
    el('p', { className: 'field-error', id: `${id}-error` }));
}

/**
 * @param {LoggedSession} session
 * @param {number} index
 */
function sessionFieldset(session, index) {
  return el('fieldset', { className: 'field' },
    el('legend', { className: 'confirm-legend', text: t('confirm.session', { number: index + 1 }) }),
    input(index, 'heldOn', { attributes: { type: 'date', value: session.heldOn } }),
    input(index, 'hours', { attributes: { type: 'number', min: '0.5', max: '12', step: '0.5',
      value: String(session.hours) } }),
    input(index, 'note', { tag: 'textarea', attributes: { rows: 2, maxLength: 1000 } }));
}

function render() {
  const asked = link.opened();
  if (!asked) {
    return;
  }
  byId('confirm-request').textContent = t('confirm.request', {
    provider: asked.providerName, applicant: asked.applicantName, association: asked.association,
  });
  byId('confirm-facts').replaceChildren(
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

/** @param {ConfirmationRequest} asked */
function answersOf(asked) {
  return asked.sessions.map((session, index) => {
    const value = (/** @type {string} */ name) => field(form, `sessions[${index}].${name}`).value;
    const hours = value('hours');
    return {
      entryId: session.entryId, heldOn: value('heldOn') || null, hours: hours === '' ? null : Number(hours),
      note: value('note').trim() || null,
    };
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const { asked } = link;
  if (asked) {
    link.send(() => ({ sessions: answersOf(asked) }), render);
  }
});
onLanguage(render);
await startPage({ screens: ['confirm-supervision'] });
await link.open(render);
