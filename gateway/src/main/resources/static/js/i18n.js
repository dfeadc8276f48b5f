// A small message catalogue per language (i18n/en.json, i18n/es.json), plus one per screen that needs more
// (i18n/<screen>.en.json, named by the page when it starts). The language comes from the browser, or from the
// switcher in the header, which remembers the choice. Elements name their message in data-i18n (text, with the
// values of its placeholders as JSON in data-i18n-values) and data-i18n-attr ("attribute:key" pairs separated by ";").
const SUPPORTED = ['en', 'es'];
const REMEMBERED = 'iecmh.language';
/** @type {((language: string) => void)[]} */
const listeners = [];
/** @type {Record<string, string>} */
let messages = {};
let language = 'en';
/** @type {string[]} */
let screens = [];

/**
 * A phrase of the API: a code the catalogue words (phrase.<code>), the values of its placeholders, and the API's
 * English text for a code the catalogue lacks.
 *
 * @typedef {{ code: string, values?: Record<string, PhraseValue>, text?: string }} Phrase
 * @typedef {string | number | boolean | null | string[] | Phrase} PhraseValue
 */

export function currentLanguage() {
  return language;
}

function preferredLanguage() {
  try {
    const remembered = localStorage.getItem(REMEMBERED);
    if (remembered !== null && SUPPORTED.includes(remembered)) {
      return remembered;
    }
  } catch (storageUnavailable) {
    // Private windows may refuse storage; the browser's languages still decide.
  }
  const offered = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const tag of offered) {
    const base = String(tag || '').slice(0, 2).toLowerCase();
    if (SUPPORTED.includes(base)) {
      return base;
    }
  }
  return 'en';
}

/**
 * The message for a key, with {name} placeholders filled in; the key itself when the catalogue lacks it.
 *
 * @param {string} key
 * @param {Record<string, unknown>} [values]
 * @returns {string}
 */
export function t(key, values = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * Whether the catalogue has a message for the key.
 *
 * @param {string} key
 */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

/** @param {ParentNode} [root] */
export function translate(root = document) {
  /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n]')).forEach((element) => {
    element.textContent = t(element.dataset.i18n || '',
      element.dataset.i18nValues ? JSON.parse(element.dataset.i18nValues) : {});
  });
  /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-i18n-attr]')).forEach((element) => {
    (element.dataset.i18nAttr || '').split(';').forEach((pair) => {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      element.setAttribute(attribute, t(key));
    });
  });
}

/**
 * A phrase of the API ({code, values, text}) in the reader's language: the catalogue's phrase.<code> with its values
 * filled in. A list value is worded item by item (phrase.<name>.<item>, joined by phrase.<name>.joiner), a phrase
 * value is worded first, a value whose name ends in Date is written as a date. Where the catalogue has no such
 * phrase, the API's English text.
 *
 * @param {Phrase | null | undefined} said
 * @returns {string}
 */
export function phrase(said) {
  if (!said) {
    return '';
  }
  if (!has(`phrase.${said.code}`)) {
    return said.text || '';
  }
  /** @type {Record<string, unknown>} */
  const values = {};
  Object.entries(said.values || {}).forEach(([name, value]) => {
    if (Array.isArray(value)) {
      const joiner = has(`phrase.${name}.joiner`) ? t(`phrase.${name}.joiner`) : '';
      values[name] = value.map((item) => t(`phrase.${name}.${item}`)).join(joiner);
    } else if (value && typeof value === 'object') {
      values[name] = phrase(value);
    } else {
      values[name] = name.endsWith('Date') && typeof value === 'string' ? formatDate(value) : value;
    }
  });
  return t(`phrase.${said.code}`, values);
}

/**
 * Several phrases of the API as one sentence in the reader's language.
 *
 * @param {Phrase[] | null | undefined} list
 */
export function phrases(list) {
  return (list || []).map(phrase).join('; ');
}

/**
 * A date of the API (yyyy-mm-dd) as people of the language write it, e.g. "December 31, 2027".
 *
 * @param {string | null | undefined} isoDate
 * @returns {string}
 */
export function formatDate(isoDate) {
  if (!isoDate) {
    return '';
  }
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, day)));
}

/**
 * An instant of the API (ISO 8601) as people of the language write a day and time, e.g. "May 3, 2027, 9:30 AM".
 *
 * @param {string | null | undefined} instant
 * @returns {string}
 */
export function formatMoment(instant) {
  if (!instant) {
    return '';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(instant));
}

/**
 * @param {string} file
 * @returns {Promise<Record<string, string>>}
 */
async function catalogue(file) {
  const response = await fetch(`/i18n/${file}.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`No messages in ${file}: ${response.status}`);
  }
  return response.json();
}

/** @param {string} chosen */
async function load(chosen) {
  const loaded = await Promise.all([chosen, ...screens.map((screen) => `${screen}.${chosen}`)].map(catalogue));
  messages = Object.assign({}, ...loaded);
  language = chosen;
  document.documentElement.lang = chosen;
  translate(document);
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-language]')).forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.language === chosen));
  });
  listeners.forEach((listener) => listener(chosen));
}

/**
 * Calls back after every change of language (the first load included), so that a page can redraw its answers.
 *
 * @param {(language: string) => void} listener
 */
export function onLanguage(listener) {
  listeners.push(listener);
}

/**
 * Loads the preferred language (with the catalogues of the named screens) and wires the switcher; resolves once the
 * page speaks it.
 *
 * @param {string[]} [screenCatalogues]
 */
export async function startLanguages(screenCatalogues = []) {
  screens = screenCatalogues;
  /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-language]')).forEach((button) => {
    const chosen = button.dataset.language || '';
    button.addEventListener('click', async () => {
      try {
        localStorage.setItem(REMEMBERED, chosen);
      } catch (storageUnavailable) {
        // The choice then lasts for this page only.
      }
      await load(chosen);
    });
  });
  await load(preferredLanguage());
}
