// Money and instants as people of a language write them: one statement of each, used by every page. Pure functions of
// their arguments (no DOM, no page state), so that they are unit-tested on Node (gateway/src/test/web).

/**
 * Money of the API ({cents, currency}: an integer number of the currency's smallest unit) as the language writes it,
 * e.g. "$40.00" or "40,00 US$"; the currency's own number of decimals decides where the point goes. Empty for none.
 */
export function money(amount, language) {
  if (!amount || amount.cents === null || amount.cents === undefined) {
    return '';
  }
  const format = new Intl.NumberFormat(language, { style: 'currency', currency: amount.currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(amount.cents / 10 ** digits);
}

/**
 * An instant of the API (ISO 8601) as a date and time of the language, in the reader's time zone unless one is given;
 * with seconds where a reader compares events (the audit). Empty for none.
 *
 * @param {string} iso
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
