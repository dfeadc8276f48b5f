// /review.html?id=...: one application as the association's staff work on it. Everyone reads the portfolio, the
// raters' forms, the requirement check and the comments per section; a coordinator records payments and waivers,
// assigns the two reviewers, books the exam and decides (grant or deny), and reads the history; a reviewer records
// their review and exam scores. Every change is answered in the status line and the screen is read again.
import { onLanguage, t, has, formatDate, phrase, phrases } from './i18n.js';
import { startPage } from './shell.js';
import { callApi, showProblem, clearProblems } from './api.js';
import { el, field, byId, find, findAll } from './dom.js';
import {
  table, formatMoney, parseCents, formatInstant, explain, freshKey, statusTag,
} from './staff.js';

/**
 * @template [T=unknown]
 * @typedef {import('./api.js').Answer<T>} Answer
 */

/**
 * @typedef {import('./views.js').ApplicationView} ApplicationView
 * @typedef {import('./views.js').InvoiceView} InvoiceView
 * @typedef {import('./views.js').RequirementResult} RequirementResult
 * @typedef {import('./views.js').SectionComment} SectionComment
 */

/**
 * What the staff read of an application: its portfolio (each entry with its kind, and a supervision with the
 * provider's confirmation), raters and their forms, reviews, exam attempts, the people eligible to review it, the
 * comments per section, its files and its history.
 *
 * @typedef {{ kind: string, degree?: string, field?: string, institution?: string, year?: number, role?: string,
 *   employer?: string, startedOn?: string, endedOn?: string | null, hoursPerWeek?: number, paid?: boolean,
 *   populations?: string[], title?: string, provider?: string, attendedOn?: string, hours?: number,
 *   domains?: string[], heldOn?: string, format?: string, providerEndorsementNumber?: string }} PortfolioEntry
 * @typedef {{ entryId: string, entry: PortfolioEntry, supervisionConfirmation: string | null }} PortfolioItem
 * @typedef {{ knownForMonths: number, answers: Record<string, string>, comments: string | null }} Rating
 * @typedef {{ referenceId: string, name: string, email: string, relationship: string, waivesAccess: boolean,
 *   status: string, doesNotCount: string | null, whyNotCounted: import('./i18n.js').Phrase | null,
 *   rating: Rating | null, items: { id: string, text: string }[] | null }} Rater
 * @typedef {{ reviewer: string, endorsementNumber: string | null, decision: string | null, recordedAt: string,
 *   comments: SectionComment[] | null }} Review
 * @typedef {{ attempt: number, sittingOn: string, candidateCode: string | null, scorers: string[] | null,
 *   scoresEntered: boolean, partScores: Record<string, number> | null, result: string | null }} ExamAttempt
 * @typedef {{ subject: string, name: string | null, category: string, endorsementNumber: string }} Eligible
 * @typedef {{ section: string, author: string, role: string, writtenAt: string, text: string }} StaffComment
 * @typedef {{ type: string, subject: string | null, role: string | null, time: string }} HistoryEvent
 * @typedef {{ attachmentId: string, entryId: string, fileName: string, contentType: string, size: number,
 *   sha256: string }} Attachment
 * @typedef {{ app: ApplicationView, portfolio: PortfolioItem[], references: Rater[],
 *   requirements: RequirementResult[], comments: StaffComment[], reviews: Review[], invoices: InvoiceView[] | null,
 *   events: HistoryEvent[] | null, attempts: ExamAttempt[] | null, eligible: Eligible[], attachments: Attachment[] }}
 *   Loaded
 */

const SECTIONS = ['EDUCATION', 'WORK', 'TRAINING', 'REFLECTIVE_SUPERVISION', 'REFERENCES', 'GENERAL'];
const IN_REVIEW = ['IN_REVIEW', 'ON_HOLD'];
const FINAL = ['GRANTED', 'DENIED', 'WITHDRAWN'];
const HOP_MS = 30_000;

const id = new URLSearchParams(location.search).get('id') || '';
const base = `/api/applications/${encodeURIComponent(id)}`;
const line = byId('status-line');

/** @type {Loaded | null} */
let answered = null; // what the API answered, by part
// The key of a payment or waiver that has not been answered yet: a retry of the same click sends it again, so the
// money is recorded once however often the coordinator presses the button.
/** @type {Record<'payment' | 'waiver', { signature: string, key: string } | null>} */
const pending = { payment: null, waiver: null };

/** What the API answered of the application; the screen shows (and its forms act) only once it is loaded. */
function loaded() {
  if (!answered) {
    throw new Error('The application is not loaded yet');
  }
  return answered;
}

/** @param {string} text */
function say(text) {
  line.textContent = text;
}

/**
 * @param {string} prefix
 * @param {unknown} value
 */
function label(prefix, value) {
  return has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : String(value);
}

/**
 * @param {string} term
 * @param {import('./dom.js').Child} value
 */
function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

function isCoordinator() {
  return me.role === 'COORDINATOR';
}

/**
 * @template T what the path answers
 * @param {string} path
 * @returns {Promise<T | null>}
 */
async function get(path) {
  /** @type {Answer<T>} */
  const answer = await callApi(path);
  return answer.ok ? answer.body : null;
}

/** Reads every part of the application this role may read, at once. */
async function load() {
  /** @type {Answer<ApplicationView>} */
  const application = await callApi(base);
  if (!application.ok) {
    say('');
    byId('heading').textContent = t('review.notFound');
    return false;
  }
  const app = application.body;
  const assigning = isCoordinator() && IN_REVIEW.includes(app.status);
  const [portfolio, references, requirements, comments, reviews, invoices, events, attempts, eligible, attachments] =
    await Promise.all([
      /** @type {Promise<PortfolioItem[] | null>} */ (get(`${base}/portfolio`)),
      /** @type {Promise<Rater[] | null>} */ (get(`${base}/references`)),
      /** @type {Promise<RequirementResult[] | null>} */ (get(`${base}/requirements`)),
      /** @type {Promise<StaffComment[] | null>} */ (get(`${base}/comments`)),
      /** @type {Promise<Review[] | null>} */ (get(`${base}/reviews`)),
      isCoordinator()
        ? /** @type {Promise<InvoiceView[] | null>} */ (get(`/api/payments/invoices?applicationId=${encodeURIComponent(id)}`))
        : null,
      isCoordinator() ? /** @type {Promise<HistoryEvent[] | null>} */ (get(`${base}/history`)) : null,
      // Whether the category has an exam, and whether it can be granted now, are the application view's answers.
      app.exam ? /** @type {Promise<ExamAttempt[] | null>} */ (get(`${base}/exam`)) : null,
      assigning ? /** @type {Promise<Eligible[] | null>} */ (get(`${base}/eligible-reviewers`)) : null,
      // A reviewer sees the evidence of the applications assigned to them only; none answers for anyone else.
      /** @type {Promise<Attachment[] | null>} */ (get(`${base}/portfolio/attachments`)),
    ]);
  answered = {
    app, portfolio: portfolio || [], references: references || [], requirements: requirements || [],
    comments: comments || [], reviews: reviews || [], invoices, events, attempts, eligible: eligible || [],
    attachments: attachments || [],
  };
  render();
  return true;
}

function renderSummary() {
  const { app } = loaded();
  byId('heading').textContent = app.applicantName;
  document.title = `${app.applicantName} - ${t('review.pageTitle')}`;
  const facts = [
    ...fact(t('review.category'), t(`category.${app.category}`)),
    ...fact(t('review.status'), statusTag(app.status)),
    ...fact(t('review.submittedAt'), app.submittedAt ? formatInstant(app.submittedAt) : t('review.notSubmitted')),
    ...fact(t('review.statusSince'), formatInstant(app.statusSince)),
    ...fact(t('review.contact'), app.contactEmail || ''),
    ...fact(t('review.state'), app.stateOfResidence || ''),
  ];
  if (app.endorsementNumber) {
    facts.push(...fact(t('review.endorsementNumber'), app.endorsementNumber),
      ...fact(t('review.validThrough'), formatDate(app.validThrough)));
  }
  if (app.reasons && app.reasons.length) {
    facts.push(...fact(t('review.denialReasons'), el('ul', {}, app.reasons.map((r) => el('li', {}, r)))));
  }
  byId('facts').replaceChildren(...facts);
  byId('summary').hidden = false;
}

function openInvoices() {
  return (loaded().invoices || []).filter((invoice) => invoice.status === 'OPEN' && invoice.outstanding.cents > 0);
}

/** @param {HTMLSelectElement} select */
function invoiceOptions(select) {
  const chosen = select.value;
  select.replaceChildren(...openInvoices().map((invoice) => new Option(
    t('review.invoiceOption', { id: invoice.invoiceId, amount: formatMoney(invoice.outstanding) }), invoice.invoiceId)));
  if ([...select.options].some((option) => option.value === chosen)) {
    select.value = chosen;
  }
}

function renderFees() {
  if (!isCoordinator()) {
    return;
  }
  byId('fees').hidden = false;
  const invoices = loaded().invoices || [];
  if (!invoices.length) {
    byId('invoices').replaceChildren(el('p', {}, t('review.noInvoice')));
  } else {
    byId('invoices').replaceChildren(table(t('review.invoicesCaption'),
      [t('review.invoice'), t('review.lines'), t('review.total'), t('review.paid'), t('review.waived'),
        t('review.outstanding'), t('review.invoiceStatus'), t('review.dueOn')],
      invoices.map((invoice) => [invoice.invoiceId,
        el('ul', { className: 'plain' }, invoice.lines.map((l) => el('li', {},
          `${phrase(l.phrase) || l.description}: ${formatMoney(l.amount)}`))),
        formatMoney(invoice.total), formatMoney(invoice.paid), formatMoney(invoice.waived),
        formatMoney(invoice.outstanding), statusTag(invoice.status), formatDate(invoice.dueOn)])));
  }
  const open = openInvoices().length > 0;
  byId('payment-form').hidden = !open;
  byId('waiver-form').hidden = !open;
  invoiceOptions(byId('payment-invoice', HTMLSelectElement));
  invoiceOptions(byId('waiver-invoice', HTMLSelectElement));
}

/** @param {Review} review */
function reviewComments(review) {
  const comments = review.comments || [];
  return comments.length ? el('ul', { className: 'plain' }, comments.map((c) => el('li', {},
    `${t(`section.${c.section}`)}: ${c.comment}`))) : '';
}

function myReview() {
  return loaded().reviews.find((review) => review.reviewer === me.subject);
}

/**
 * Offers the people the API says may review the application, by name; a choice already made is kept.
 *
 * @param {HTMLSelectElement} select
 */
function reviewerOptions(select) {
  const data = loaded();
  const chosen = select.value;
  select.replaceChildren(new Option(t('review.chooseReviewer'), ''), ...data.eligible.map((person) => new Option(
    t('review.eligibleOption', { name: person.name || person.subject, category: t(`category.${person.category}`),
      number: person.endorsementNumber }), person.subject)));
  select.value = data.eligible.some((person) => person.subject === chosen) ? chosen : '';
}

function renderReviewers() {
  const data = loaded();
  const { app, reviews } = data;
  byId('reviewers').hidden = false;
  byId('reviews').replaceChildren(reviews.length ? table(t('review.reviewsCaption'),
    [t('review.reviewer'), t('review.theirEndorsement'), t('review.recommendation'), t('review.recordedAt'),
      t('review.reviewComments')],
    reviews.map((review) => [review.reviewer, review.endorsementNumber || '',
      review.decision ? t(`decision.${review.decision}`) : t('review.notYet'),
      formatInstant(review.recordedAt), reviewComments(review)]))
    : el('p', {}, t('review.noReviewers')));
  byId('assign-form').hidden = !(isCoordinator() && IN_REVIEW.includes(app.status));
  reviewerOptions(byId('reviewer-first', HTMLSelectElement));
  reviewerOptions(byId('reviewer-second', HTMLSelectElement));
  byId('no-eligible').hidden = data.eligible.length > 0;
  const mine = myReview();
  byId('decision-form').hidden = !(me.role === 'REVIEWER' && mine !== undefined && IN_REVIEW.includes(app.status));
}

function renderDecide() {
  const { app } = loaded();
  const approvable = isCoordinator() && app.decidable;
  const deniable = isCoordinator() && !FINAL.includes(app.status) && app.status !== 'DRAFT';
  byId('approve-form').hidden = !approvable;
  byId('deny-form').hidden = !deniable;
  byId('decide').hidden = !(approvable || deniable);
}

function renderExam() {
  const { app, attempts } = loaded();
  if (!app.exam) {
    return;
  }
  byId('exam').hidden = false;
  const list = attempts || [];
  byId('attempts').replaceChildren(list.length ? table(t('review.attemptsCaption'),
    [t('review.attempt'), t('review.sittingOn'), t('review.candidateCode'), t('review.scorers'),
      t('review.scoresEntered'), t('review.partScores'), t('review.result')],
    list.map((a) => [String(a.attempt), formatDate(a.sittingOn), a.candidateCode || t('review.notYet'),
      (a.scorers || []).join(', ') || t('review.notYet'), String(a.scoresEntered),
      a.partScores ? Object.entries(a.partScores).map(([part, score]) => `${t(`part.${part}`)}: ${score}%`).join('; ')
        : t('review.blind'),
      a.result ? t(`result.${a.result}`) : t('review.notYet')]))
    : el('p', {}, t('review.noSitting')));
  byId('sitting-form').hidden = !(isCoordinator() && ['PORTFOLIO_APPROVED', 'EXAM_FAILED'].includes(app.status));
  const current = list[list.length - 1];
  const scorers = (current && current.scorers) || [];
  byId('scorers-form').hidden = !(isCoordinator() && app.status === 'EXAM_SCHEDULED' && current !== undefined
    && !current.scoresEntered);
  // Scorers score blind, by the candidate code, in their work queue; here they are only pointed there.
  byId('scoring-hint').hidden = !(app.status === 'EXAM_SCHEDULED' && scorers.includes(me.subject));
}

function renderRequirements() {
  byId('requirements').hidden = false;
  byId('checklist').replaceChildren(...loaded().requirements.map((r) => el('li', { className: r.met ? 'met' : 'missing' }, [
    el('span', { className: 'visually-hidden' }, r.met ? t('review.met') : t('review.missing')),
    `${label('requirement', r.requirement)}: ${phrases(r.phrases) || r.detail}`])));
}

/** @param {string} kind */
function entriesOf(kind) {
  return loaded().portfolio.filter((item) => item.entry.kind === kind)
    .map((item) => ({ ...item.entry, confirmation: item.supervisionConfirmation }));
}

/**
 * The attached file's bytes, as the platform checked them, saved by the browser; a refusal is said in place.
 *
 * @param {Attachment} attachment
 * @param {HTMLElement} status
 */
async function download(attachment, status) {
  status.textContent = '';
  const response = await callApi(`${base}/portfolio/attachments/${encodeURIComponent(attachment.attachmentId)}`,
    { raw: true, accept: `${attachment.contentType}, application/problem+json` });
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    /** @type {import('./api.js').Problem | null} */
    const problem = type.includes('json') ? await response.json() : null;
    status.textContent = (problem && problem.rule && has(`review.evidence.${problem.rule}`))
      ? t(`review.evidence.${problem.rule}`) : t('review.evidence.failed');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: attachment.fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function renderEvidence() {
  const data = loaded();
  const kindOf = (/** @type {string} */ entryId) => {
    const item = data.portfolio.find((each) => each.entryId === entryId);
    return item ? t(`review.evidence.kind.${item.entry.kind}`) : '';
  };
  const status = el('p', { className: 'status-line', attrs: { role: 'status' } });
  const rows = data.attachments.map((a) => [a.fileName, kindOf(a.entryId), a.contentType,
    t('review.evidence.bytes', { bytes: a.size }), el('code', {}, a.sha256),
    el('button', { type: 'button', className: 'secondary', text: t('review.evidence.download'),
      onclick: () => download(a, status) })]);
  // The association receives some documents itself (transcripts): its coordinator attaches them until the decision.
  const attaching = isCoordinator() && !FINAL.includes(data.app.status) && data.portfolio.length > 0;
  const shown = [el('h3', {}, t('review.evidence')), rows.length ? table(t('review.evidence'),
    [t('review.evidence.file'), t('review.evidence.entry'), t('review.evidence.type'), t('review.evidence.size'),
      t('review.evidence.sha256'), ''], rows) : el('p', {}, t('review.noEntries')), status];
  // Only nodes go in: a null left in the list would be written out as the text "null".
  return attaching ? [...shown, evidenceForm()] : shown;
}

/**
 * An entry as the attach form names it: its kind and what tells it from the others of its kind.
 *
 * @param {PortfolioItem} item
 */
function entryName(item) {
  const e = item.entry;
  /** @type {Record<string, () => string>} */
  const details = {
    education: () => `${e.field}, ${e.institution}`,
    work: () => `${e.role}, ${e.employer}`,
    training: () => `${e.title}`,
    supervision: () => `${formatDate(e.heldOn)}, ${e.providerEndorsementNumber}`,
  };
  return `${t(`review.evidence.kind.${e.kind}`)}: ${details[e.kind] ? details[e.kind]() : item.entryId}`;
}

function evidenceForm() {
  const form = el('form', { id: 'evidence-form', noValidate: true, attrs: { 'aria-labelledby': 'evidence-form-heading' } },
    el('h4', { id: 'evidence-form-heading', text: t('review.evidence.attachHeading') }),
    el('div', { className: 'field' },
      el('label', { htmlFor: 'evidence-form-entryId', text: t('review.evidence.attachTo') }),
      el('select', { id: 'evidence-form-entryId', name: 'entryId',
        attrs: { 'aria-describedby': 'evidence-form-entryId-error' } },
      loaded().portfolio.map((item) => el('option', { value: item.entryId, text: entryName(item) }))),
      el('p', { className: 'field-error', id: 'evidence-form-entryId-error' })),
    el('div', { className: 'field' },
      el('label', { htmlFor: 'evidence-form-file', text: t('review.evidence.chooseFile') }),
      el('input', { type: 'file', id: 'evidence-form-file', name: 'file', accept: 'application/pdf,image/*',
        attrs: { 'aria-describedby': 'evidence-form-file-error' } }),
      el('p', { className: 'field-error', id: 'evidence-form-file-error' })),
    el('p', { className: 'field-error form-error', attrs: { role: 'alert' } }),
    el('div', { className: 'actions' },
      el('button', { type: 'submit', className: 'primary', text: t('review.evidence.attach') })));
  form.addEventListener('submit', (event) => attachEvidence(event, form));
  return form;
}

/**
 * @param {SubmitEvent} event
 * @param {HTMLFormElement} form
 */
async function attachEvidence(event, form) {
  event.preventDefault();
  clearProblems(form);
  const { files } = find(form, '[name=file]', HTMLInputElement);
  const file = files ? files[0] : undefined;
  if (!file) {
    showProblem(form, { errors: [{ field: 'file', rule: 'FileEmpty' }] });
    return;
  }
  const body = new FormData();
  body.append('file', file, file.name);
  const submit = find(form, 'button[type=submit]', HTMLButtonElement);
  submit.disabled = true;
  try {
    const answer = await callApi(
      `${base}/portfolio/${encodeURIComponent(field(form, 'entryId').value)}/attachments`, { method: 'POST', body });
    if (!answer.ok) {
      showProblem(form, answer.body);
      return;
    }
    const data = loaded();
    data.attachments = (await /** @type {Promise<Attachment[] | null>} */ (get(`${base}/portfolio/attachments`)))
      || data.attachments;
    render();
    say(t('review.evidence.attached', { name: file.name }));
  } catch (unreachable) {
    showProblem(form, { detail: t('review.evidence.unreachable') });
  } finally {
    submit.disabled = false;
  }
}

/**
 * @param {string} title
 * @param {string} kind
 * @param {string[]} heads
 * @param {(entry: PortfolioEntry & { confirmation: string | null }) => import('./dom.js').Child[]} cells
 */
function portfolioTable(title, kind, heads, cells) {
  const entries = entriesOf(kind);
  return [el('h3', {}, title), entries.length ? table(title, heads, entries.map(cells))
    : el('p', {}, t('review.noEntries'))];
}

/** @param {Rater} rater */
function ratingOf(rater) {
  const { rating } = rater;
  if (!rating) {
    return el('p', {}, t('review.noForm'));
  }
  // The form's items as the API words them in the page's language, in the order the form asks them.
  const items = rater.items || Object.keys(rating.answers).map((itemId) => ({ id: itemId, text: itemId }));
  return el('div', {}, [
    el('p', {}, t('review.knownFor', { months: rating.knownForMonths })),
    table(t('review.formOf', { name: rater.name }), [t('review.item'), t('review.answer')],
      items.map((item) => [item.text, label('answer', rating.answers[item.id])])),
    rating.comments ? el('p', {}, [el('strong', {}, `${t('review.raterComments')}: `), rating.comments]) : null,
  ]);
}

function renderReferences() {
  const raters = loaded().references.map((rater) => el('article', { className: 'rater' }, [
    el('h4', {}, rater.name),
    el('p', {}, [`${label('relationship', rater.relationship)} · ${rater.email} · `,
      el('span', { className: `tag${rater.status === 'COMPLETED' ? ' good' : ''}` }, label('rater', rater.status)),
      rater.waivesAccess ? ` · ${t('review.waivedAccess')}` : '']),
    rater.doesNotCount ? el('p', { className: 'notice warning' }, phrase(rater.whyNotCounted) || rater.doesNotCount)
      : null,
    rater.status === 'REPLACED' ? null : ratingOf(rater)]));
  return [el('h3', {}, t('section.REFERENCES')), raters.length ? el('div', {}, raters)
    : el('p', {}, t('review.noEntries'))];
}

function renderPortfolio() {
  byId('portfolio').hidden = false;
  const yes = (/** @type {unknown} */ v) => (v ? t('review.yes') : t('review.no'));
  byId('sections').replaceChildren(
    ...portfolioTable(t('section.EDUCATION'), 'education',
      [t('review.degree'), t('review.field'), t('review.institution'), t('review.year')],
      (e) => [label('degree', e.degree), e.field, e.institution, String(e.year)]),
    ...portfolioTable(t('section.WORK'), 'work',
      [t('review.role'), t('review.employer'), t('review.period'), t('review.hoursPerWeek'), t('review.paidWork'),
        t('review.populations')],
      (e) => [e.role, e.employer, `${formatDate(e.startedOn)} – ${e.endedOn ? formatDate(e.endedOn) : t('review.now')}`,
        String(e.hoursPerWeek), yes(e.paid), (e.populations || []).map((p) => label('population', p)).join(', ')]),
    ...portfolioTable(t('section.TRAINING'), 'training',
      [t('review.title'), t('review.provider'), t('review.attendedOn'), t('review.hours'), t('review.domains')],
      (e) => [e.title, e.provider, formatDate(e.attendedOn), String(e.hours),
        (e.domains || []).map((d) => label('domain', d)).join(', ')]),
    ...portfolioTable(t('section.REFLECTIVE_SUPERVISION'), 'supervision',
      [t('review.heldOn'), t('review.hours'), t('review.format'), t('review.providerNumber'),
        t('review.providerConfirmation')],
      (e) => [formatDate(e.heldOn), String(e.hours), label('format', e.format), e.providerEndorsementNumber,
        e.confirmation ? label('confirmation', e.confirmation) : t('review.notAsked')]),
    ...renderEvidence(),
    ...renderReferences());
}

function renderComments() {
  const data = loaded();
  byId('comments').hidden = false;
  byId('comment-list').replaceChildren(...(data.comments.length ? data.comments.map((c) => el('li', {}, [
    el('p', { className: 'comment-meta' }, [el('span', { className: 'tag' }, t(`section.${c.section}`)), ' ',
      t('review.wroteAt', { who: c.author, role: label('role', c.role), at: formatInstant(c.writtenAt) })]),
    el('p', {}, c.text)])) : [el('li', {}, t('review.noComments'))]));
  byId('comment-form').hidden = FINAL.includes(data.app.status);
}

function renderHistory() {
  const { events } = loaded();
  if (!events) {
    return;
  }
  byId('history').hidden = false;
  byId('timeline').replaceChildren(...events.map((event) => el('li', {}, [
    el('strong', {}, label('event', event.type)), el('br'),
    event.subject ? t('review.eventBy', { at: formatInstant(event.time), who: event.subject, role: label('role', event.role) })
      : formatInstant(event.time),
  ])));
}

function render() {
  if (!answered) {
    return;
  }
  renderSummary();
  renderFees();
  renderReviewers();
  renderDecide();
  renderExam();
  renderRequirements();
  renderPortfolio();
  renderComments();
  renderHistory();
}

function sectionOptions() {
  const select = byId('comment-section', HTMLSelectElement);
  const chosen = select.value;
  select.replaceChildren(...SECTIONS.map((section) => new Option(t(`section.${section}`), section)));
  select.value = chosen || 'GENERAL';
  const fields = byId('defer-fields');
  const typed = Object.fromEntries([...fields.querySelectorAll('textarea')].map((area) => [area.name, area.value]));
  fields.replaceChildren(...SECTIONS.map((section) => el('div', { className: 'field' }, [
    el('label', { htmlFor: `defer-${section}` }, t(`section.${section}`)),
    el('textarea', { id: `defer-${section}`, name: section, value: typed[section] || '', rows: 2 }),
  ])));
}

/**
 * Runs an action of a form with its button disabled and a line saying it is under way; never loses what was typed.
 *
 * @param {HTMLFormElement} form
 * @param {string} working
 * @param {() => Promise<void>} action
 */
async function act(form, working, action) {
  const button = find(form, 'button[type=submit]', HTMLButtonElement);
  clearProblems(form);
  button.disabled = true;
  say(working);
  try {
    await action();
  } catch (unreachable) {
    say('');
    find(form, '.form-error').textContent = t('review.unreachable');
  } finally {
    button.disabled = false;
  }
}

/**
 * Runs the action with the form when it is sent, as act does, saying the message of workingKey meanwhile.
 *
 * @param {string} id
 * @param {string} workingKey
 * @param {(form: HTMLFormElement) => Promise<void>} action
 */
function onSubmit(id, workingKey, action) {
  const form = byId(id, HTMLFormElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(form, t(workingKey), () => action(form));
  });
}

/**
 * Shows the API's refusal on the form (the status line cleared); answers whether it refused.
 *
 * @template T
 * @param {HTMLFormElement} form
 * @param {Answer<T>} answer
 * @returns {answer is Extract<Answer<T>, { ok: false }>}
 */
function refused(form, answer) {
  if (answer.ok) {
    return false;
  }
  say('');
  explain(form, answer);
  return true;
}

/** @param {HTMLFormElement} form */
function amountOf(form) {
  const parsed = parseCents(field(form, 'amountCents').value);
  if (parsed.rule) {
    say('');
    showProblem(form, { errors: [{ field: 'amountCents', rule: parsed.rule }] });
  }
  return parsed.cents;
}

/**
 * Same values as the last unanswered click: the same key; anything else is a new request with a new key.
 *
 * @param {'payment' | 'waiver'} kind
 * @param {unknown} request
 */
function keyFor(kind, request) {
  const signature = JSON.stringify(request);
  const known = pending[kind];
  if (known && known.signature === signature) {
    return known.key;
  }
  const key = freshKey();
  pending[kind] = { signature, key };
  return key;
}

/**
 * The open invoice the form names; a form that names none (the invoices changed meanwhile) says so at the choice.
 *
 * @param {HTMLFormElement} form
 */
function chosenInvoice(form) {
  const invoice = openInvoices().find((i) => i.invoiceId === field(form, 'invoiceId').value);
  if (!invoice) {
    say('');
    showProblem(form, { errors: [{ field: 'invoiceId', rule: 'NotBlank' }] });
  }
  return invoice;
}

async function waitForReview() {
  const until = Date.now() + HOP_MS;
  while (Date.now() < until) {
    /** @type {Answer<ApplicationView>} */
    const answer = await callApi(base);
    if (answer.ok && answer.body.status !== 'SUBMITTED') {
      return true;
    }
    await new Promise((resolve) => { setTimeout(resolve, 1000); });
  }
  return false;
}

onSubmit('payment-form', 'review.recording', async (form) => {
  const cents = amountOf(form);
  if (cents === undefined) {
    return;
  }
  const invoice = chosenInvoice(form);
  if (!invoice) {
    return;
  }
  const request = { amountCents: cents, currency: invoice.outstanding.currency, method: field(form, 'method').value,
    reference: field(form, 'reference').value.trim() || null };
  /** @type {Answer<InvoiceView>} */
  const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(invoice.invoiceId)}/payments`,
    { method: 'POST', json: request, idempotencyKey: keyFor('payment', { invoice: invoice.invoiceId, ...request }) });
  if (refused(form, answer)) {
    return;
  }
  pending.payment = null;
  form.reset();
  await sayRecorded(t('review.paymentRecorded', { amount: formatMoney({ cents, currency: request.currency }),
    id: invoice.invoiceId, status: t(`status.${answer.body.status}`) }), answer.body);
});

/**
 * Says what was recorded on an invoice. When it settled the fees of an application waiting for them, the review
 * opens once payment-service's InvoicePaid has travelled to application-service: the page waits for it and says so.
 *
 * @param {string} recorded what was recorded, worded
 * @param {InvoiceView} invoice the invoice as the record left it
 */
async function sayRecorded(recorded, invoice) {
  if (invoice.status === 'PAID' && loaded().app.status === 'SUBMITTED') {
    say(`${recorded} ${t('review.waitingForReview')}`);
    const moved = await waitForReview();
    await load();
    say(`${recorded} ${moved ? t('review.nowInReview') : t('review.notYetInReview')}`);
  } else {
    await load();
    say(recorded);
  }
}

onSubmit('waiver-form', 'review.recording', async (form) => {
  const cents = amountOf(form);
  if (cents === undefined) {
    return;
  }
  const invoice = chosenInvoice(form);
  if (!invoice) {
    return;
  }
  const request = { amountCents: cents, currency: invoice.outstanding.currency, kind: field(form, 'kind').value,
    reason: field(form, 'reason').value.trim() };
  /** @type {Answer<InvoiceView>} */
  const answer = await callApi(`/api/payments/invoices/${encodeURIComponent(invoice.invoiceId)}/waivers`,
    { method: 'POST', json: request, idempotencyKey: keyFor('waiver', { invoice: invoice.invoiceId, ...request }) });
  if (refused(form, answer)) {
    return;
  }
  pending.waiver = null;
  form.reset();
  await sayRecorded(t('review.waiverRecorded', { amount: formatMoney({ cents, currency: request.currency }),
    id: invoice.invoiceId, status: t(`status.${answer.body.status}`) }), answer.body);
});

onSubmit('assign-form', 'review.saving', async (form) => {
  const reviewers = [byId('reviewer-first', HTMLSelectElement).value, byId('reviewer-second', HTMLSelectElement).value];
  const blank = reviewers.map((value, index) => (value ? null : ['reviewers', 'reviewers[1]'][index]))
    .filter((name) => name !== null);
  if (blank.length) {
    say('');
    showProblem(form, { errors: blank.map((field) => ({ field, rule: 'ReviewerNeeded' })) });
    return;
  }
  const answer = await callApi(`${base}/reviewers`, { method: 'POST', json: { reviewers } });
  if (refused(form, answer)) {
    return;
  }
  form.reset();
  await load();
  say(t('review.assigned', { first: reviewers[0], second: reviewers[1] }));
});

onSubmit('decision-form', 'review.saving', async (form) => {
  const decision = field(form, 'decision').value;
  if (!decision) {
    say('');
    showProblem(form, { errors: [{ field: 'decision', rule: 'DecisionNeeded' }] });
    return;
  }
  const comments = SECTIONS.map((section) => ({ section, comment: byId(`defer-${section}`, HTMLTextAreaElement).value.trim() }))
    .filter((c) => c.comment);
  const answer = await callApi(`${base}/reviews`, { method: 'POST', json: { decision, comments } });
  if (refused(form, answer)) {
    return;
  }
  form.reset();
  await load();
  say(t('review.reviewRecorded', { decision: t(`decision.${decision}`), status: t(`status.${loaded().app.status}`) }));
});

onSubmit('approve-form', 'review.saving', async (form) => {
  /** @type {Answer<{ endorsementNumber: string, validThrough: string }>} */
  const answer = await callApi(`${base}/approval`, { method: 'POST' });
  if (refused(form, answer)) {
    return;
  }
  await load();
  say('');
  const outcome = byId('outcome');
  outcome.className = 'notice good';
  outcome.replaceChildren(el('p', {}, el('strong', {}, t('review.granted', { number: answer.body.endorsementNumber }))),
    el('p', {}, t('review.grantedValid', { date: formatDate(answer.body.validThrough) })));
  outcome.hidden = false;
  outcome.focus();
});

onSubmit('deny-form', 'review.saving', async (form) => {
  const reasons = field(form, 'reasons').value.split('\n').map((r) => r.trim()).filter(Boolean);
  const answer = await callApi(`${base}/denial`, { method: 'POST', json: { reasons } });
  if (refused(form, answer)) {
    return;
  }
  form.reset();
  await load();
  say(t('review.denied'));
});

onSubmit('sitting-form', 'review.saving', async (form) => {
  const answer = await callApi(`${base}/exam`, { method: 'POST',
    json: { sittingOn: field(form, 'sittingOn').value || null } });
  if (refused(form, answer)) {
    return;
  }
  await load();
  say(t('review.sittingBooked', { date: formatDate(field(form, 'sittingOn').value) }));
  form.reset();
});

onSubmit('scorers-form', 'review.saving', async (form) => {
  const scorers = [byId('scorer-first', HTMLInputElement).value.trim(), byId('scorer-second', HTMLInputElement).value.trim()];
  const blank = scorers.map((value, index) => (value ? null : ['scorers', 'scorers[1]'][index]))
    .filter((name) => name !== null);
  if (blank.length) {
    say('');
    showProblem(form, { errors: blank.map((field) => ({ field, rule: 'ScorerNeeded' })) });
    return;
  }
  const answer = await callApi(`${base}/exam/scorers`, { method: 'POST', json: { scorers } });
  if (refused(form, answer)) {
    return;
  }
  form.reset();
  await load();
  say(t('review.scorersAssigned'));
});

onSubmit('comment-form', 'review.saving', async (form) => {
  const request = { section: field(form, 'section').value, text: field(form, 'text').value.trim() };
  const answer = await callApi(`${base}/comments`, { method: 'POST', json: request });
  if (refused(form, answer)) {
    return;
  }
  field(form, 'text').value = '';
  await load();
  say(t('review.commentSent', { section: t(`section.${request.section}`) }));
});

onLanguage(() => {
  sectionOptions();
  render();
  // The raters' forms are worded by the API in the language asked: asked again in the new one.
  if (answered) {
    /** @type {Promise<Rater[] | null>} */ (get(`${base}/references`)).then((references) => {
      const data = loaded();
      data.references = references || data.references;
      render();
    });
  }
});

const started = await startPage({ screens: ['console'], roles: ['COORDINATOR', 'REVIEWER'] });
const me = { role: started.role, subject: started.session.subject };
if (isCoordinator()) {
  findAll(document, '.coordinator-only').forEach((item) => {
    item.hidden = false;
  });
}
say(t('review.loading'));
if (await load()) {
  say('');
}
