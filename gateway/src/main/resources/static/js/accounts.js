// /accounts.html: the association's accounts for its coordinators: totals by standing (open, overdue, paid, refunded,
// void) and the invoices in one standing, the earliest due first.
import { onLanguage, t, formatDate } from './i18n.js';
import { startPage } from './shell.js';
import { callApi } from './api.js';
import { el, byId, findAll } from './dom.js';
import { table, formatMoney, statusTag, explain } from './staff.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * payment-service's accounts of the association: per standing, how many invoices and what they total, as of a day.
 *
 * @typedef {import('./format.js').Money} Money
 * @typedef {{ standing: string, invoices: number, total: Money, paid: Money, waived: Money, refunded: Money,
 *   outstanding: Money }} StandingTotals
 * @typedef {{ asOf: string, totals: StandingTotals[] }} Accounts
 * @typedef {import('./views.js').InvoiceView} InvoiceView
 */

const form = byId('standing-form', HTMLFormElement);
const standing = byId('standing', HTMLSelectElement);
const totalsStatus = byId('accounts-status');
const invoicesStatus = byId('invoices-status');

/** @type {Accounts | null} */
let totals = null;
/** @type {{ standing: string, list: InvoiceView[] } | null} */
let invoices = null;

function renderTotals() {
  if (!totals) {
    return;
  }
  const area = byId('totals');
  if (!totals.totals.length) {
    area.replaceChildren(el('p', {}, t('accounts.noInvoices')));
    return;
  }
  area.replaceChildren(table(t('accounts.totalsCaption', { date: formatDate(totals.asOf) }),
    [t('accounts.standing'), t('accounts.count'), t('review.total'), t('review.paid'), t('review.waived'),
      t('accounts.refunded'), t('review.outstanding')],
    totals.totals.map((row) => [statusTag(row.standing), String(row.invoices), formatMoney(row.total),
      formatMoney(row.paid), formatMoney(row.waived), formatMoney(row.refunded), formatMoney(row.outstanding)])));
}

/** @param {InvoiceView} invoice */
function applicationLink(invoice) {
  return invoice.applicationId ? el('a', { href: `/review.html?id=${encodeURIComponent(invoice.applicationId)}` },
    t('accounts.openApplication')) : '';
}

function renderInvoices() {
  if (!invoices) {
    return;
  }
  const area = byId('invoice-list');
  const name = t(`status.${invoices.standing}`);
  invoicesStatus.textContent = invoices.list.length
    ? t(invoices.list.length === 1 ? 'accounts.shownOne' : 'accounts.shown', { n: invoices.list.length, standing: name })
    : t('accounts.noneIn', { standing: name });
  area.replaceChildren(invoices.list.length ? table(t('accounts.invoicesCaption', { standing: name }),
    [t('review.invoice'), t('accounts.person'), t('accounts.application'), t('review.total'), t('review.paid'),
      t('review.outstanding'), t('review.dueOn')],
    invoices.list.map((invoice) => [invoice.invoiceId, invoice.personId, applicationLink(invoice),
      formatMoney(invoice.total), formatMoney(invoice.paid), formatMoney(invoice.outstanding),
      formatDate(invoice.dueOn)])) : '');
}

async function loadTotals() {
  totalsStatus.textContent = t('console.loading');
  /** @type {Answer<Accounts>} */
  const answer = await callApi('/api/payments/accounts');
  if (!answer.ok) {
    totalsStatus.textContent = t('error.unexpected');
    return;
  }
  totals = answer.body;
  totalsStatus.textContent = '';
  renderTotals();
}

/** @param {string} chosen the standing */
async function loadInvoices(chosen) {
  invoicesStatus.textContent = t('console.loading');
  /** @type {Answer<InvoiceView[]>} */
  const answer = await callApi(`/api/payments/accounts/invoices?${new URLSearchParams({ standing: chosen })}`);
  if (!answer.ok) {
    invoicesStatus.textContent = '';
    explain(form, answer);
    return;
  }
  invoices = { standing: chosen, list: answer.body };
  history.replaceState(null, '', `?${new URLSearchParams({ standing: chosen })}`);
  renderInvoices();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  loadInvoices(standing.value);
});
onLanguage(() => {
  renderTotals();
  renderInvoices();
});

await startPage({ screens: ['console'], roles: ['COORDINATOR', 'AUDITOR'] });
findAll(document, '.coordinator-only').forEach((item) => {
  item.hidden = false;
});
const asked = new URLSearchParams(location.search).get('standing');
if (asked !== null && [...standing.options].some((option) => option.value === asked)) {
  standing.value = asked;
}
loadTotals();
loadInvoices(standing.value);
