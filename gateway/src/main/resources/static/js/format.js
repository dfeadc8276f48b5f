// Money and instants as people of a language write them: one statement of each, used by every page. Pure functions of
// their arguments (no DOM, no page state), so that they are unit-tested on Node (gateway/src/test/web).

/**
 * Money of the API: an integer number of the currency's smallest unit, and the currency (ISO 4217).
 *
 * @typedef {{ cents: number, currency: string }} Money
 */

/**
 * Money of the API ({cents, currency}: an integer number of the currency's smallest unit) as the language writes it,
 * e.g. "$40.00" or "40,00 US$"; the currency's own number of decimals decides where the point goes. Empty for none.
 *
 * @param {{ cents: number | null | undefined, currency: string } | null | undefined} amount
 * @param {string} language
 * @returns {string}
 */
export function money(amount, language) {
  if (!amount || amount.cents === null || amount.cents === undefined) {
    return '';
  }
  const format = new Intl.NumberFormat(language, { style: 'currency', currency: amount.currency });
  // A currency format always resolves its number of decimals; the types leave it optional for other styles.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format(amount.cents / 10 ** digits);
}

/**
 * An instant of the API (ISO 8601) as a date and time of the language, in the reader's time zone unless one is given;
 * with seconds where a reader compares events (the audit). Empty for none.
 *
 * @param {string | null | undefined} iso
 * @param {string} language
 * @param {{ seconds?: boolean, timeZone?: string }} [options]
 */
export function dateTime(iso, language, { seconds = false, timeZone } = {}) {
  if (!iso) {
    return '';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', timeZone })
    .format(new Date(iso));
}
