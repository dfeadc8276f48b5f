// What the coordinator's and reviewer's screens share: building elements, money in whole cents, instants and waiting
// times in the reader's language, and domain-rule refusals of the API said in the reader's words.
import { t, has, currentLanguage } from './i18n.js';
import { money, dateTime } from './format.js';
import { showProblem, clearProblems } from './api.js';
import { el, find } from './dom.js';

/**
 * A table with a caption, its head row and its body rows (each an array of cell contents).
 *
 * @param {string} caption
 * @param {string[]} heads
 * @param {import('./dom.js').Child[][]} rows
 */
export function table(caption, heads, rows) {
  const head = el('tr', {}, heads.map((text) => el('th', { scope: 'col' }, text)));
  const body = rows.map((cells) => el('tr', {}, cells.map((cell) => el('td', {}, cell))));
  // A region that may scroll sideways on a phone takes the focus, so that it scrolls by keyboard too.
  const region = el('div', { className: 'table-scroll', tabIndex: 0 }, el('table', {}, [
    el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, body)]));
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', caption);
  return region;
}

/**
 * Money of the API ({ cents, currency }) as the reader's language writes it, e.g. "$40.00" or "40,00 US$".
 *
 * @param {import('./format.js').Money | null | undefined} amount
 */
export function formatMoney(amount) {
  return money(amount, currentLanguage());
}

/**
 * What a coordinator typed as an amount ("40", "40.00", "$40.5", "40,50") in whole cents, exactly: no floating point
 * on the way. Answers { cents } or { rule } (AmountFormat, AmountCents for a fraction of a cent, AmountPositive
 * unless zero is allowed, as for a fee an association does not charge).
 *
 * @param {unknown} typed
 * @param {{ zero?: boolean }} [options]
 * @returns {{ cents: number, rule?: undefined }
 *   | { rule: 'AmountFormat' | 'AmountCents' | 'AmountPositive', cents?: undefined }}
 */
export function parseCents(typed, { zero = false } = {}) {
  const text = String(typed || '').trim().replace(/^\$\s*/, '');
  const match = text.match(/^(\d{1,9})(?:([.,])(\d+))?$/);
  if (!match) {
    return { rule: 'AmountFormat' };
  }
  const fraction = match[3] || '';
  if (fraction.length > 2) {
    // "1,000" is a thousand written with a separator, not a fraction: ask for the plain form.
    return { rule: match[2] === ',' ? 'AmountFormat' : 'AmountCents' };
  }
  const cents = Number(match[1]) * 100 + Number(fraction.padEnd(2, '0'));
  return cents > 0 || zero ? { cents } : { rule: 'AmountPositive' };
}

/**
 * An instant of the API as a date and time of the reader's language.
 *
 * @param {string | null | undefined} iso
 */
export function formatInstant(iso) {
  return dateTime(iso, currentLanguage());
}

/**
 * How long since an instant, in the largest whole unit: "3 days", "5 hours", "less than a minute".
 *
 * @param {string} iso
 * @param {number} [now]
 */
export function waitingSince(iso, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60000));
  const plural = new Intl.PluralRules(currentLanguage());
  const say = (/** @type {string} */ unit, /** @type {number} */ n) => t(`wait.${unit}.${plural.select(n) === 'one' ? 'one' : 'other'}`, { n });
  if (minutes < 1) {
    return t('wait.moments');
  }
  if (minutes < 60) {
    return say('minutes', minutes);
  }
  if (minutes < 48 * 60) {
    return say('hours', Math.floor(minutes / 60));
  }
  return say('days', Math.floor(minutes / (24 * 60)));
}

/**
 * Shows the API's refusal on the form: field errors next to their fields; a broken domain rule in the reader's words
 * where the screen's catalogue has them (error.<rule>), else as the API said it.
 *
 * @param {HTMLElement} form
 * @param {import('./api.js').Answer} answer
 */
export function explain(form, answer) {
  /** @type {import('./api.js').Problem} */
  const problem = answer.body || {};
  if (problem.rule && !problem.errors && has(`error.${problem.rule}`)) {
    clearProblems(form);
    find(form, '.form-error').textContent = t(`error.${problem.rule}`, problem);
    return;
  }
  if (!answer.body) {
    clearProblems(form);
    find(form, '.form-error').textContent = t('error.unexpected');
    return;
  }
  showProblem(form, problem);
}

/** A fresh Idempotency-Key. */
export function freshKey() {
  return crypto.randomUUID();
}

/**
 * A status tag for an application's status.
 *
 * @param {string} status
 */
export function statusTag(status) {
  const good = ['GRANTED', 'PORTFOLIO_APPROVED', 'EXAM_PASSED', 'PAID'];
  const warning = ['DENIED', 'EXAM_FAILED', 'ON_HOLD', 'RETURNED', 'OVERDUE', 'VOID'];
  const kind = good.includes(status) ? ' good' : (warning.includes(status) ? ' warning' : '');
  return el('span', { className: `tag${kind}` }, t(`status.${status}`));
}
