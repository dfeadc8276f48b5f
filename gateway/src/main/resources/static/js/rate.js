// The reference rater's form, reached from the link in their mail without an account (rate.html#<secret>, a
// one-time link, see one-time-link.js).
import { onLanguage, t, formatDate, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { el, byId, field, findAll } from './dom.js';
import { fact } from './portal-kit.js';
import { oneTimeLink } from './one-time-link.js';

/**
 * What the rater is asked: the association's items (each worded in the languages it gave), the answers offered.
 *
 * @typedef {{ id: string, text: string, translations: Record<string, string> | null }} RatingItem
 * @typedef {{ raterName: string, applicantName: string, association: string, category: string,
 *   relationship: string, linkExpiresAt: string, items: RatingItem[], answers: string[] }} RatingRequest
 */

/** @type {import('./one-time-link.js').OneTimeLink<RatingRequest>} */
const link = oneTimeLink('rate', '/api/references', 'reference-link-used');
const { form } = link;
const items = byId('rate-items');

/**
 * The item as the association worded it in the page's language, its English where it gave none.
 *
 * @param {RatingItem} item
 * @param {number} index
 */
function itemText(item, index) {
  const translated = item.translations && item.translations[currentLanguage()];
  return `${index + 1}. ${translated || item.text}`;
}

/**
 * @param {RatingItem} item
 * @param {number} index
 * @param {string[]} answers the answers offered
 */
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
  const asked = link.opened();
  if (!asked) {
    return;
  }
  byId('rate-request').textContent = t('rate.request', {
    rater: asked.raterName, applicant: asked.applicantName, association: asked.association,
  });
  byId('rate-facts').replaceChildren(
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
      byId(`rate-item-${index}-legend`).textContent = itemText(item, index);
    });
  }
  form.hidden = false;
}

/** @param {RatingRequest} asked */
function answersOf(asked) {
  /** @type {Record<string, string>} */
  const answers = {};
  asked.items.forEach((item) => {
    const chosen = form.querySelector(`input[name="answers.${CSS.escape(item.id)}"]:checked`);
    if (chosen instanceof HTMLInputElement) {
      answers[item.id] = chosen.value;
    }
  });
  return answers;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const known = field(form, 'knownForMonths').value;
  const { asked } = link;
  if (!asked) {
    return;
  }
  link.send(() => ({
    knownForMonths: known === '' ? null : Number(known), answers: answersOf(asked),
    comments: field(form, 'comments').value.trim() || null,
  }), render);
});
onLanguage(render);
await startPage({ screens: ['rate'] });
await link.open(render);
