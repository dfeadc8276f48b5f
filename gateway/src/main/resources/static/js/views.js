// The platform's answers that several pages read, as JSDoc types of the services' view records. Nothing here runs:
// a page names them in its annotations (import('./views.js').ApplicationView), which the type check follows.

/**
 * An application as application-service shows it (casefile's ApplicationView); dates are yyyy-mm-dd, instants ISO.
 *
 * @typedef {{ applicationId: string, tenantId: string, personId: string, applicantName: string, category: string,
 *   status: string, statusSince: string, invoiceId: string | null, endorsementNumber: string | null,
 *   validThrough: string | null, reasons: string[] | null, comments: SectionComment[] | null,
 *   contactEmail: string | null, stateOfResidence: string | null, submittedAt: string | null, exam: boolean,
 *   decidable: boolean }} ApplicationView
 * @typedef {{ section: string, comment: string }} SectionComment
 */

/**
 * An invoice as payment-service shows it (ledger's InvoiceView), each line with its phrase in the reader's words.
 *
 * @typedef {{ description: string, amount: import('./format.js').Money, kind: string,
 *   phrase: import('./i18n.js').Phrase | null }} InvoiceLine
 * @typedef {{ invoiceId: string, tenantId: string, personId: string, applicationId: string | null,
 *   lines: InvoiceLine[], total: import('./format.js').Money, paid: import('./format.js').Money,
 *   waived: import('./format.js').Money, refunded: import('./format.js').Money,
 *   outstanding: import('./format.js').Money, status: string, issuedOn: string, dueOn: string,
 *   membershipThrough: string | null, voidReason: string | null }} InvoiceView
 */

/**
 * An endorsement as renewal-service shows it (endorsementfile's EndorsementView).
 *
 * @typedef {{ endorsementNumber: string, tenantId: string, personId: string, endorseeName: string,
 *   category: string, status: string, endorsedSince: string, validThrough: string, statusSince: string,
 *   renewal: string | null, emailAddress: string | null, transferTo: string | null, lateFee: string | null,
 *   lateFeeInvoiceId: string | null, renewalComments: string | null }} EndorsementView
 */

/**
 * An endorsement's yearly hours in its cycle as renewal-service answers them (CycleProgress): per year each
 * requirement met or missing, and the activities logged (a training or a reflective supervision session).
 *
 * @typedef {{ name: string, met: boolean, detail: string, phrase: import('./i18n.js').Phrase | null }} YearRequirement
 * @typedef {{ entryId: string, kind: string, on: string, hours: number, title?: string, deiHours?: number | null,
 *   providerNumber?: string }} LoggedActivity
 * @typedef {{ endorsementNumber: string, validThrough: string, met: boolean,
 *   years: { year: number, requirements: YearRequirement[] }[], entries: LoggedActivity[] }} CycleProgress
 */

/**
 * The evidence of a cycle's hours (EvidenceViews' CycleEvidence): the files attached to its years, and the renewal
 * audit if the renewal was drawn for one.
 *
 * @typedef {{ attachmentId: string, endorsementNumber: string, year: number, fileName: string, state: string,
 *   returnReason: string | null }} EvidenceItem
 * @typedef {{ endorsementNumber: string, auditPercent: number, draw: number, state: string }} RenewalAudit
 * @typedef {{ endorsementNumber: string, audit: RenewalAudit | null, items: EvidenceItem[] }} CycleEvidence
 */

/**
 * One requirement of the category and whether the portfolio meets it (RequirementResult), in phrases for the reader.
 *
 * @typedef {{ requirement: string, met: boolean, phrases: import('./i18n.js').Phrase[] | null, detail: string }}
 *   RequirementResult
 */

export {};
