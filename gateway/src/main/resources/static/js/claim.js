// /claim.html: the endorsements the person's association brought onto the platform under the email address their
// sign-in vouches for, claimed all at once (renewal-service compares that address with the one each was recorded
// under); afterwards they are listed among the person's own. A sign-in that vouches for no address is told so.
import { onLanguage, t, formatDate, currentLanguage } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, clearProblems, showProblem } from './api.js';
import { explain } from './staff.js';
import { el, byId } from './dom.js';
import { statusTag, announce } from './portal-kit.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * renewal-service's answer for the person: the endorsements they hold, those imported under the address their
 * sign-in vouches for (none without one), and that address.
 *
 * @typedef {import('./views.js').EndorsementView} EndorsementView
 * @typedef {{ verifiedEmail: string | null, endorsements: EndorsementView[], claimable: EndorsementView[] }} Mine
 */

const form = byId('claim-form');
const status = byId('claim-status');
/** @type {Mine | null} */
let mine = null;

/**
 * @param {EndorsementView} endorsement
 * @param {boolean} linked
 */
function item(endorsement, linked) {
  const title = t('portal.endorsementTitle', { number: endorsement.endorsementNumber });
  return el('li', { className: 'entry', dataset: { number: endorsement.endorsementNumber } },
    el('h3', {}, linked ? el('a', {
      href: `/endorsement.html?number=${encodeURIComponent(endorsement.endorsementNumber)}`, text: title,
    }) : title),
    el('p', {
      text: t('claim.who', { name: endorsement.endorseeName, category: t(`category.${endorsement.category}`) }),
    }),
    el('p', {}, statusTag('claim.status', endorsement.status, ['ACTIVE'], ['LAPSED', 'INACTIVE']), ' ',
      t('portal.validThrough', { date: formatDate(endorsement.validThrough) })));
}

/**
 * @param {number} count
 * @param {string} one the message key for one
 * @param {string} other the message key for any other count
 * @param {Record<string, unknown>} [values]
 */
function plural(count, one, other, values) {
  const form = new Intl.PluralRules(currentLanguage()).select(count) === 'one' ? one : other;
  return t(form, { count, ...values });
}

function render() {
  if (!mine) {
    return;
  }
  const verified = Boolean(mine.verifiedEmail);
  byId('claim-unverified').hidden = verified;
  byId('waiting-section').hidden = !verified;
  if (verified) {
    const waiting = mine.claimable;
    byId('waiting-address').textContent = t('claim.address', { email: mine.verifiedEmail });
    byId('waiting').replaceChildren(...waiting.map((endorsement) => item(endorsement, false)));
    byId('waiting-none').hidden = waiting.length > 0;
    form.hidden = waiting.length === 0;
    byId('claim-all').textContent = plural(waiting.length, 'claim.claimOne', 'claim.claimAll');
  }
  byId('held').replaceChildren(...mine.endorsements.map((endorsement) => item(endorsement, true)));
  byId('held-section').hidden = mine.endorsements.length === 0;
}

async function load() {
  /** @type {Answer<Mine>} */
  const answer = await callApi('/api/endorsements/mine');
  if (!answer.ok) {
    announce(status, t('claim.loadFailed'));
    return false;
  }
  mine = answer.body;
  render();
  return true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(form);
  const button = byId('claim-all', HTMLButtonElement);
  button.disabled = true;
  announce(status, t('claim.claiming'));
  try {
    /** @type {Answer<{ claimed: EndorsementView[] }>} */
    const answer = await callApi('/api/endorsements/claims', { method: 'POST' });
    if (!answer.ok) {
      announce(status, '');
      explain(form, answer);
      return;
    }
    const numbers = answer.body.claimed.map((endorsement) => endorsement.endorsementNumber);
    await load();
    announce(status, numbers.length
      ? plural(numbers.length, 'claim.claimedOne', 'claim.claimedMany', { numbers: numbers.join(', ') })
      : t('claim.nothingLeft'));
    if (!byId('held-section').hidden) {
      byId('held-heading').focus();
    }
  } catch (unreachable) {
    announce(status, '');
    showProblem(form, { detail: t('error.unreachable') });
  } finally {
    button.disabled = false;
  }
});

onLanguage(render);
await startPage({ screens: ['portal'], roles: ['APPLICANT', 'ENDORSEE'] });
announce(status, t('claim.loading'));
if (await load()) {
  announce(status, '');
}
