// /pay.html?invoice=<id>: the person billed sees what an invoice is for and pays what it still owes by card, with
// the card processor's own library (Stripe.js), so that card details never reach the platform. The payment is
// recorded when the processor's signed webhook arrives; the page waits for that, within a bound, and says so.
import { onLanguage, t, formatDate, currentLanguage, phrase } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { saveDownload } from './files.js';
import { money as formatMoney } from './format.js';
import { webConfig } from './auth.js';
import { byId, find } from './dom.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * The little of Stripe.js the page uses: an instance for the publishable key, the elements of one checkout (the
 * payment element, mounted in the page), and the card's confirmation.
 *
 * @typedef {{ create(kind: 'payment'): { mount(selector: string): void } }} StripeElements
 * @typedef {{ elements(options: { clientSecret: string, locale: string }): StripeElements,
 *   confirmPayment(options: { elements: StripeElements, redirect: 'if_required', confirmParams: { return_url: string } }):
 *   Promise<{ error?: { message: string } }> }} Stripe
 */

const WAIT_FOR_CONFIRMATION_MS = 60_000;
const POLL_EVERY_MS = 1_500;

const invoiceId = new URLSearchParams(location.search).get('invoice');
const status = byId('invoice-status');
const heading = byId('invoice-heading');
const problem = byId('invoice-problem');
const cardSection = byId('card');
const cardStart = byId('card-start', HTMLButtonElement);
const cardForm = byId('card-form');
const cardSubmit = byId('card-submit', HTMLButtonElement);
const cardError = byId('card-error');

/** @typedef {import('./views.js').InvoiceView} InvoiceView */

/** @type {InvoiceView | null} */
let invoice = null;
/** @type {{ stripe: Stripe, elements: StripeElements } | null} */
let card = null; // { stripe, elements } once a checkout has started

/**
 * Stripe.js, once its script has loaded (it sets window.Stripe); undefined before.
 *
 * @returns {((publishableKey: string) => Stripe) | undefined}
 */
function stripeLibrary() {
  // The processor's script adds the global; the browser's types cannot know of it.
  return /** @type {{ Stripe?: (publishableKey: string) => Stripe }} */ (/** @type {unknown} */ (window)).Stripe;
}

/** The invoice shown; the checkout and the receipt are offered only once it is. */
function shownInvoice() {
  if (!invoice) {
    throw new Error('No invoice is shown yet');
  }
  return invoice;
}

/**
 * Money of the API as the page's language writes it (format.js).
 *
 * @param {import('./format.js').Money} amount
 */
function money(amount) {
  return formatMoney(amount, currentLanguage());
}

/** @param {string} text */
function showProblemText(text) {
  status.textContent = '';
  problem.hidden = false;
  byId('invoice-problem-text').textContent = text;
}

/** @param {string} text */
function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

/**
 * @param {string} term
 * @param {string} value
 */
function fact(term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  return [dt, dd];
}

function render() {
  if (!invoice) {
    return;
  }
  heading.textContent = t('pay.invoiceHeading', { id: invoice.invoiceId });
  byId('invoice').hidden = false;
  byId('lines').replaceChildren(...invoice.lines.map((line) => {
    const row = document.createElement('tr');
    row.append(cell(phrase(line.phrase) || line.description), cell(money(line.amount)));
    return row;
  }));
  const totals = [...fact(t('pay.total'), money(invoice.total)), ...fact(t('pay.paidSoFar'), money(invoice.paid))];
  if (invoice.waived.cents > 0) {
    totals.push(...fact(t('pay.waived'), money(invoice.waived)));
  }
  totals.push(...fact(t('pay.outstanding'), money(invoice.outstanding)));
  if (invoice.dueOn && invoice.outstanding.cents > 0) {
    totals.push(...fact(t('pay.dueOn'), formatDate(invoice.dueOn)));
  }
  totals.push(...fact(t('pay.statusLabel'), t(`pay.status.${invoice.status}`)));
  byId('totals').replaceChildren(...totals);

  const owes = invoice.outstanding.cents > 0 && invoice.status === 'OPEN';
  const paidNotice = byId('paid-notice');
  paidNotice.hidden = owes || invoice.status === 'VOID';
  find(paidNotice, 'strong').textContent = t('pay.paid');
  cardStart.textContent = t('pay.cardStart', { amount: money(invoice.outstanding) });
  cardSubmit.textContent = t('pay.cardSubmit', { amount: money(invoice.outstanding) });
  if (!owes) {
    cardSection.hidden = true;
  }
  const back = byId('back', HTMLAnchorElement);
  if (invoice.applicationId) {
    back.href = `/application.html?id=${encodeURIComponent(invoice.applicationId)}`;
    back.textContent = t('pay.backToApplication');
  }
}

/**
 * @param {string} id the invoice's
 * @returns {Promise<InvoiceView | null>}
 */
async function load(id) {
  /** @type {Answer<InvoiceView>} */
  const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(id)}`);
  if (answer.status === 404) {
    showProblemText(t('pay.notFound', { id }));
    return null;
  }
  if (!answer.ok) {
    showProblemText(t('pay.failed'));
    return null;
  }
  invoice = answer.body;
  render();
  return answer.body;
}

/** The key of this checkout: the same for a retry of the same amount in this tab, so one intent is made. */
function checkoutKey() {
  const { invoiceId: id, outstanding } = shownInvoice();
  const remembered = `iecmh.checkout.${id}.${outstanding.cents}`;
  let key = sessionStorage.getItem(remembered);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(remembered, key);
  }
  return key;
}

/**
 * @param {string} url
 * @returns {Promise<unknown>}
 */
function loadScript(url) {
  if (stripeLibrary()) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error(`Could not load ${url}`)));
    document.head.append(script);
  });
}

/** @param {import('./auth.js').CardSettings} settings the card processor's, from the web configuration */
async function startCard(settings) {
  cardStart.disabled = true;
  byId('card-start-error').textContent = '';
  status.textContent = t('pay.cardStarting');
  try {
    /** @type {Answer<{ clientSecret: string }>} */
    const started = await callApi(`/api/payments/invoices/${encodeURIComponent(shownInvoice().invoiceId)}/card-checkouts`,
      { method: 'POST', idempotencyKey: checkoutKey() });
    if (!started.ok) {
      throw new Error(`card-checkouts answered ${started.status}`);
    }
    await loadScript(settings.scriptUrl);
    const library = stripeLibrary();
    if (!library) {
      throw new Error(`${settings.scriptUrl} set no Stripe`);
    }
    const stripe = library(settings.publishableKey);
    const elements = stripe.elements({ clientSecret: started.body.clientSecret, locale: currentLanguage() });
    elements.create('payment').mount('#card-element');
    card = { stripe, elements };
    byId('card-start-actions').hidden = true;
    cardForm.hidden = false;
    status.textContent = t('pay.cardReady');
    const first = cardForm.querySelector('input');
    if (first) {
      first.focus();
    }
  } catch (failure) {
    status.textContent = '';
    byId('card-start-error').textContent = t('pay.cardUnavailable');
    cardStart.disabled = false;
  }
}

/** After the processor accepted the card: the invoice shows paid once the webhook is recorded. */
async function awaitConfirmation() {
  const until = Date.now() + WAIT_FOR_CONFIRMATION_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => { setTimeout(resolve, POLL_EVERY_MS); });
    /** @type {Answer<InvoiceView>} */
    const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(shownInvoice().invoiceId)}`);
    if (answer.ok && answer.body.outstanding.cents === 0) {
      invoice = answer.body;
      render();
      status.textContent = t('pay.cardConfirmed');
      heading.focus();
      return;
    }
  }
  status.textContent = t('pay.cardPending');
}

cardForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!card) {
    return;
  }
  cardError.textContent = '';
  cardSubmit.disabled = true;
  status.textContent = t('pay.cardPaying');
  const result = await card.stripe.confirmPayment({
    elements: card.elements, redirect: 'if_required', confirmParams: { return_url: location.href },
  });
  if (result.error) {
    // The processor's own message, in the language the element was opened in; the card may be tried again.
    status.textContent = '';
    cardError.textContent = result.error.message;
    cardSubmit.disabled = false;
    const first = cardForm.querySelector('input');
    if (first) {
      first.focus();
    }
    return;
  }
  cardForm.hidden = true;
  status.textContent = t('pay.cardAccepted');
  await awaitConfirmation();
});

byId('receipt').addEventListener('click', async () => {
  const receiptStatus = byId('receipt-status');
  // The receipt in the page's language.
  const { invoiceId: id } = shownInvoice();
  const receipt = `/api/payments/invoices/${encodeURIComponent(id)}/receipt`
    + `?${new URLSearchParams({ lang: currentLanguage() })}`;
  const answer = await saveDownload(receipt, `receipt-${id}.pdf`, 'application/pdf');
  if (!answer.ok) {
    receiptStatus.textContent = t('pay.receiptFailed');
    return;
  }
  receiptStatus.textContent = t('pay.receiptReady');
});

onLanguage(render);
await startPage({ screens: ['pay'], roles: ['APPLICANT', 'ENDORSEE'] });
if (!invoiceId) {
  showProblemText(t('pay.noInvoice'));
} else {
  status.textContent = t('pay.loading');
  const [loaded, config] = await Promise.all([load(invoiceId), webConfig()]);
  if (loaded) {
    status.textContent = '';
    const owes = loaded.outstanding.cents > 0 && loaded.status === 'OPEN';
    const settings = config.card;
    if (owes && settings) {
      cardSection.hidden = false;
      cardStart.addEventListener('click', () => startCard(settings));
    } else if (owes) {
      byId('offline-notice').hidden = false;
    }
  }
}
