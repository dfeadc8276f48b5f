// /pay.html?invoice=<id>: the person billed sees what an invoice is for and pays what it still owes by card, with
// the card processor's own library (Stripe.js), so that card details never reach the platform. The payment is
// recorded when the processor's signed webhook arrives; the page waits for that, within a bound, and says so.
import { onLanguage, t, formatDate, currentLanguage, phrase } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { saveDownload } from './files.js';
import { money as formatMoney } from './format.js';
import { webConfig } from './auth.js';
import { byId } from './dom.js';

const WAIT_FOR_CONFIRMATION_MS = 60_000;
const POLL_EVERY_MS = 1_500;

const invoiceId = new URLSearchParams(location.search).get('invoice');
const status = document.getElementById('invoice-status');
const heading = document.getElementById('invoice-heading');
const problem = document.getElementById('invoice-problem');
const cardSection = document.getElementById('card');
const cardStart = byId('card-start', HTMLButtonElement);
const cardForm = document.getElementById('card-form');
const cardSubmit = byId('card-submit', HTMLButtonElement);
const cardError = document.getElementById('card-error');

let invoice = null;
let card = null; // { stripe, elements } once a checkout has started

/** Money of the API as the page's language writes it (format.js). */
/** Stripe.js, once its script has loaded (it sets window.Stripe); undefined before. */
function stripeLibrary() {
  return /** @type {any} */ (window).Stripe;
}

function money(amount) {
  return formatMoney(amount, currentLanguage());
}

function showProblemText(text) {
  status.textContent = '';
  problem.hidden = false;
  document.getElementById('invoice-problem-text').textContent = text;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

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
  document.getElementById('invoice').hidden = false;
  document.getElementById('lines').replaceChildren(...invoice.lines.map((line) => {
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
  document.getElementById('totals').replaceChildren(...totals);

  const owes = invoice.outstanding.cents > 0 && invoice.status === 'OPEN';
  const paidNotice = document.getElementById('paid-notice');
  paidNotice.hidden = owes || invoice.status === 'VOID';
  paidNotice.querySelector('strong').textContent = t('pay.paid');
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

async function load() {
  const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(invoiceId)}`);
  if (answer.status === 404) {
    showProblemText(t('pay.notFound', { id: invoiceId }));
    return null;
  }
  if (!answer.ok) {
    showProblemText(t('pay.failed'));
    return null;
  }
  invoice = answer.body;
  render();
  return invoice;
}

/** The key of this checkout: the same for a retry of the same amount in this tab, so one intent is made. */
function checkoutKey() {
  const remembered = `iecmh.checkout.${invoice.invoiceId}.${invoice.outstanding.cents}`;
  let key = sessionStorage.getItem(remembered);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(remembered, key);
  }
  return key;
}

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

async function startCard(config) {
  cardStart.disabled = true;
  document.getElementById('card-start-error').textContent = '';
  status.textContent = t('pay.cardStarting');
  try {
    const started = await callApi(`/api/payments/invoices/${encodeURIComponent(invoice.invoiceId)}/card-checkouts`,
      { method: 'POST', idempotencyKey: checkoutKey() });
    if (!started.ok) {
      throw new Error(`card-checkouts answered ${started.status}`);
    }
    await loadScript(config.card.scriptUrl);
    const stripe = stripeLibrary()(config.card.publishableKey);
    const elements = stripe.elements({ clientSecret: started.body.clientSecret, locale: currentLanguage() });
    elements.create('payment').mount('#card-element');
    card = { stripe, elements };
    document.getElementById('card-start-actions').hidden = true;
    cardForm.hidden = false;
    status.textContent = t('pay.cardReady');
    const first = cardForm.querySelector('input');
    if (first) {
      first.focus();
    }
  } catch (failure) {
    status.textContent = '';
    document.getElementById('card-start-error').textContent = t('pay.cardUnavailable');
    cardStart.disabled = false;
  }
}

/** After the processor accepted the card: the invoice shows paid once the webhook is recorded. */
async function awaitConfirmation() {
  const until = Date.now() + WAIT_FOR_CONFIRMATION_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => { setTimeout(resolve, POLL_EVERY_MS); });
    const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(invoice.invoiceId)}`);
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

document.getElementById('receipt').addEventListener('click', async () => {
  const receiptStatus = document.getElementById('receipt-status');
  // The receipt in the page's language.
  const receipt = `/api/payments/invoices/${encodeURIComponent(invoice.invoiceId)}/receipt`
    + `?${new URLSearchParams({ lang: currentLanguage() })}`;
  const answer = await saveDownload(receipt, `receipt-${invoice.invoiceId}.pdf`, 'application/pdf');
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
  const [loaded, config] = await Promise.all([load(), webConfig()]);
  if (loaded) {
    status.textContent = '';
    const owes = loaded.outstanding.cents > 0 && loaded.status === 'OPEN';
    if (owes && config.card) {
      cardSection.hidden = false;
      cardStart.addEventListener('click', () => startCard(config));
    } else if (owes) {
      document.getElementById('offline-notice').hidden = false;
    }
  }
}
