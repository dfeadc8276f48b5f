// What a parent or employer sees from a badge link or QR code: whose endorsement a number is, and whether it is
// current, with a plain warning when it is not.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { getJson, showProblem, clearProblems } from './api.js';
import { byId, field } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

const form = byId('verify', HTMLFormElement);
const verdict = byId('verdict');
const heading = byId('verdict-heading');
const notice = byId('verdict-notice');
const facts = byId('facts');

/**
 * The registry's public answer for a number: whose endorsement it is, and its standing.
 *
 * @typedef {{ endorsementNumber: string, name: string, category: string, addOns: string[] | null, state: string,
 *   status: string, active: boolean, statusSince: string, endorsedSince: string, validThrough: string,
 *   transferredTo: string | null }} Verification
 */

/** @type {{ number: string, unknown: true } | { number: string, unknown?: false, verification: Verification } | null} */
let shown = null;

/**
 * @param {string} text
 * @param {boolean} [strong]
 */
function paragraph(text, strong) {
  const element = document.createElement('p');
  if (strong) {
    const emphasis = document.createElement('strong');
    emphasis.textContent = text;
    element.append(emphasis);
  } else {
    element.textContent = text;
  }
  return element;
}

/**
 * @param {string} term
 * @param {Node | string} value
 */
function fact(term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  if (value instanceof Node) {
    dd.append(value);
  } else {
    dd.textContent = value;
  }
  return [dt, dd];
}

/** @param {string} number */
function verifyLink(number) {
  const link = document.createElement('a');
  link.href = `/verify.html?number=${encodeURIComponent(number)}`;
  link.textContent = number;
  return link;
}

function render() {
  if (!shown) {
    return;
  }
  verdict.hidden = false;
  if (shown.unknown) {
    heading.textContent = t('verify.unknownHeading', { number: shown.number });
    notice.className = 'notice warning';
    notice.replaceChildren(paragraph(t('verify.unknown'), true), paragraph(t('verify.unknownAdvice')));
    facts.replaceChildren();
    return;
  }
  const v = shown.verification;
  heading.textContent = v.name;
  const since = formatDate(v.statusSince);
  if (v.active) {
    notice.className = 'notice good';
    notice.replaceChildren(paragraph(t('verify.status.ACTIVE'), true),
      paragraph(t('verify.activeDetail', { date: formatDate(v.validThrough) })));
  } else {
    notice.className = 'notice warning';
    const detail = paragraph(t(`verify.detail.${v.status}`, { date: since }));
    if (v.status === 'TRANSFERRED' && v.transferredTo) {
      detail.append(' ', t('verify.continuesUnder'), ' ', verifyLink(v.transferredTo));
    }
    notice.replaceChildren(paragraph(`${t('verify.warning')} ${t(`verify.status.${v.status}`)}`, true), detail,
      paragraph(t('verify.notCurrent')));
  }
  const addOns = v.addOns || [];
  facts.replaceChildren(
    ...fact(t('verify.number'), v.endorsementNumber),
    ...fact(t('verify.category'), t(`category.${v.category}`)),
    ...(addOns.length ? fact(t('verify.addOns'), addOns.map((a) => t(`addOn.${a}`)).join(', ')) : []),
    ...fact(t('verify.state'), v.state),
    ...fact(t('verify.statusLabel'), t(`verify.statusName.${v.status}`)),
    ...fact(t('verify.endorsedSince'), formatDate(v.endorsedSince)),
    ...fact(t('verify.validThrough'), formatDate(v.validThrough)),
    ...(v.active ? [] : fact(t('verify.statusSince'), since)));
}

/**
 * @param {string} number
 * @param {boolean} focusVerdict
 */
async function verify(number, focusVerdict) {
  clearProblems(form);
  // Whoever verifies needs the standing of now, not of a minute ago: a revocation shows at once.
  /** @type {Answer<Verification>} */
  const answer = await getJson(`/api/registry/endorsements/${encodeURIComponent(number)}`, { fresh: true });
  if (answer.status === 404) {
    shown = { number, unknown: true };
  } else if (!answer.ok) {
    shown = null;
    verdict.hidden = true;
    showProblem(form, answer.body);
    return;
  } else {
    shown = { number, verification: answer.body };
  }
  history.replaceState(null, '', `?${new URLSearchParams({ number })}`);
  render();
  if (focusVerdict) {
    heading.focus();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const number = field(form, 'endorsementNumber').value.trim();
  if (!number) {
    showProblem(form, { errors: [{ field: 'endorsementNumber', rule: 'NotBlank' }] });
    return;
  }
  verify(number, true);
});
// A badge someone pasted: the registry's verifier says whether it is valid, revoked, suspended or expired.
const badgeForm = byId('badge-form', HTMLFormElement);
const badgeVerdict = byId('badge-verdict');
/** @type {{ verdict: string, endorsementNumber: string | null } | null} */
let badgeAnswer = null;

function renderBadge() {
  if (!badgeAnswer) {
    return;
  }
  const good = badgeAnswer.verdict === 'VALID';
  badgeVerdict.hidden = false;
  badgeVerdict.className = good ? 'notice good' : 'notice warning';
  const parts = [paragraph(t(`verify.badge.${badgeAnswer.verdict}`), true)];
  if (badgeAnswer.endorsementNumber) {
    const detail = paragraph(`${t('verify.badgeNumber')} `);
    detail.append(verifyLink(badgeAnswer.endorsementNumber));
    parts.push(detail);
  }
  badgeVerdict.replaceChildren(...parts);
}

/**
 * The compact VC-JWT baked into a badge's picture (Open Badges 3.0), or null when there is none.
 *
 * @param {File} file
 * @returns {Promise<string | null>}
 */
async function bakedCredential(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (signature.every((byte, i) => bytes[i] === byte)) {
    const view = new DataView(bytes.buffer);
    const latin1 = new TextDecoder('latin1');
    for (let at = 8; at + 8 <= bytes.length;) {
      const length = view.getUint32(at);
      const type = latin1.decode(bytes.subarray(at + 4, at + 8));
      const data = bytes.subarray(at + 8, at + 8 + length);
      at += 12 + length;
      const keywordEnd = data.indexOf(0);
      if (type === 'iTXt' && latin1.decode(data.subarray(0, keywordEnd)) === 'openbadgecredential'
          && data[keywordEnd + 1] === 0) {
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = data.indexOf(0, languageEnd + 1);
        return new TextDecoder().decode(data.subarray(translatedEnd + 1)).trim();
      }
    }
    return null;
  }
  const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
  const baked = svg.getElementsByTagNameNS('https://purl.imsglobal.org/ob/v3p0', 'credential')[0];
  return baked ? baked.textContent.trim() : null;
}

const picture = byId('picture', HTMLInputElement);
picture.addEventListener('change', async () => {
  clearProblems(badgeForm);
  const file = picture.files ? picture.files[0] : undefined;
  if (!file) {
    return;
  }
  const credential = await bakedCredential(file).catch(() => null);
  if (!credential) {
    showProblem(badgeForm, { errors: [{ field: 'picture', rule: 'BakedBadge' }] });
    return;
  }
  field(badgeForm, 'credential').value = credential;
  badgeForm.requestSubmit();
});

badgeForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(badgeForm);
  const credential = field(badgeForm, 'credential').value.trim();
  if (!credential) {
    showProblem(badgeForm, { errors: [{ field: 'credential', rule: 'NotBlank' }] });
    return;
  }
  const response = await fetch('/api/registry/badges/verifications', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify({ credential }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    badgeAnswer = null;
    badgeVerdict.hidden = true;
    showProblem(badgeForm, body);
    return;
  }
  badgeAnswer = body;
  renderBadge();
});

onLanguage(() => { render(); renderBadge(); });

await startPage();
const asked = new URLSearchParams(location.search).get('number');
if (asked) {
  field(form, 'endorsementNumber').value = asked;
  verify(asked, false);
}
