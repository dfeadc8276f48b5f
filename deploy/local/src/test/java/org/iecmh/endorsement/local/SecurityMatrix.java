package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.iecmh.endorsement.testkit.ApiClient;
import org.iecmh.endorsement.testkit.ApiClient.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who may call each endpoint of every service, and what they get. The end-to-end test reads each service's OpenAPI
 * description and fails when an endpoint is missing here (or listed here but gone), so that a new endpoint cannot
 * be added without saying who may call it; then it calls each one with every caller, through the gateway and
 * directly, on records it made for the purpose in Washington ({@code wa}).
 *
 * <p>One line per endpoint: method and path as the service's OpenAPI names them, the scope, then what each caller
 * of Washington gets, in the order of {@link Caller}: the applicant who owns the records (an endorsement is theirs
 * once granted), another applicant, a reviewer, a coordinator, an auditor, the association's admin and the platform
 * operator. A status is what the request answers past security: 200, 201, 202 or 204 when it succeeds, 409 when the
 * records' state makes the command invalid (the application is decided, the endorsement revoked, the invoice paid),
 * 403 when the role may not call it, 404 when the record does not exist for the caller; {@code EMPTY} is 200 with
 * an empty list; {@code a|b} accepts either.
 *
 * <p>Scope {@code record}: the path names a record of Washington, so Massachusetts' caller of the same role finds
 * nothing (404), unless the role may not call it at all (403); scope {@code search}: the query names a record of
 * Washington, so Massachusetts' callers get an empty list (or 403). Scope {@code tenant} and {@code platform}: the
 * request acts in the caller's own association (or none), so Massachusetts' caller gets what Washington's does.
 * Scope {@code association}: the path names Washington itself; its staff reach it, the same role of Massachusetts
 * finds nothing (404) unless the role may not call it at all (403), and the platform operator reaches it from any
 * association. Every protected endpoint answers 401 without a token or with a token of another issuer, and 403 to a token of
 * Massachusetts that names Washington in {@code X-Tenant-Id}. Scope {@code public}: one status for anyone, without
 * a token too; a token that is sent must still be valid (401).
 */
final class SecurityMatrix {

    /** The columns of the table: who calls, as a demo user of the association. */
    enum Caller {
        OWNER("applicant"), OTHER_APPLICANT("applicant2"), REVIEWER("reviewer"), COORDINATOR("coordinator"),
        AUDITOR("auditor"), TENANT_ADMIN("admin"), PLATFORM_ADMIN(null);

        private final String user;

        Caller(String user) {
            this.user = user;
        }

        /** The demo user of {@code tenant} (the operator is the platform admin of both). */
        String user(String tenant) {
            return user == null ? "operator" : user + "-" + tenant;
        }
    }

    enum Scope { RECORD, SEARCH, TENANT, PLATFORM, ASSOCIATION, PUBLIC }

    private static final String TABLE = """
            # application-service                                                    scope    OWNER OTHER REVWR COORD AUDIT TADMN PADMN
            POST   /api/applications                                                 tenant   409   409   403   403   403   403   403
            GET    /api/applications                                                 tenant   403   403   403   200   200   403   403
            GET    /api/applications/mine                                            tenant   200   200   200   200   200   200   200
            GET    /api/applications/assigned                                        tenant   403   403   200   200   403   403   403
            GET    /api/applications/{applicationId}                                 record   200   404   200   200   200   200   200
            POST   /api/applications/{applicationId}/submission                      record   409   404   403   403   403   403   403
            GET    /api/applications/{applicationId}/requirements                    record   200   404   200   200   200   200   200
            GET    /api/applications/{applicationId}/history                         record   403   403   403   200   200   403   403
            GET    /api/applications/{applicationId}/portfolio                       record   200   404   200   200   200   200   200
            POST   /api/applications/{applicationId}/portfolio/education             record   409   404   403   403   403   403   403
            POST   /api/applications/{applicationId}/portfolio/work                  record   409   404   403   403   403   403   403
            POST   /api/applications/{applicationId}/portfolio/trainings             record   409   404   403   403   403   403   403
            POST   /api/applications/{applicationId}/portfolio/supervision           record   409   404   403   403   403   403   403
            PUT    /api/applications/{applicationId}/portfolio/education/{entryId}   record   409   404   403   403   403   403   403
            PUT    /api/applications/{applicationId}/portfolio/work/{entryId}        record   409   404   403   403   403   403   403
            PUT    /api/applications/{applicationId}/portfolio/trainings/{entryId}   record   409   404   403   403   403   403   403
            PUT    /api/applications/{applicationId}/portfolio/supervision/{entryId} record   409   404   403   403   403   403   403
            DELETE /api/applications/{applicationId}/portfolio/{entryId}             record   409   404   403   403   403   403   403
            # Evidence: the applicant or a coordinator attaches to an entry (the application is decided); the owner, the
            # staff and its assigned reviewers see the files (the id asked for is none of the application's).
            POST   /api/applications/{applicationId}/portfolio/{entryId}/attachments record  409   404   403   409   403   403   403
            GET    /api/applications/{applicationId}/portfolio/attachments           record   200   404   200   200   200   200   200
            GET    /api/applications/{applicationId}/portfolio/attachments/{attachmentId} record 404 404 404  404   404   404   404
            DELETE /api/applications/{applicationId}/portfolio/attachments/{attachmentId} record 404|409 404 403 404|409 403 403 403
            # The applicant asks their supervision provider to confirm the sessions logged (the application is decided).
            POST   /api/applications/{applicationId}/portfolio/supervision-confirmations record 409 404   403   403   403   403   403
            GET    /api/applications/{applicationId}/portfolio/supervision-confirmations record 200 404   200   200   200   200   200
            POST   /api/applications/{applicationId}/reviewers                       record   403   403   403   409   403   403   403
            GET    /api/applications/{applicationId}/eligible-reviewers              record   403   403   403   200   403   403   403
            POST   /api/applications/{applicationId}/reviews                         record   403   403   409   409   403   403   403
            GET    /api/applications/{applicationId}/reviews                         record   403   403   200   200   200   403   403
            POST   /api/applications/{applicationId}/exam                            record   403   403   403   409   403   403   403
            GET    /api/applications/{applicationId}/exam                            record   200   404   200   200   200   200   200
            POST   /api/applications/{applicationId}/exam/scores                     record   403   403   409   409   403   403   403
            POST   /api/applications/{applicationId}/exam/scorers                    record   403   403   403   409   403   403   403
            # A scorer's sittings, under candidate codes; no sitting has the code asked for.
            GET    /api/applications/exam-sittings                                   tenant   403   403   200   403   403   403   403
            POST   /api/applications/exam-sittings/{candidateCode}/scores            record   403   403   404   403   403   403   403
            POST   /api/applications/{applicationId}/approval                        record   403   403   403   409   403   403   403
            POST   /api/applications/{applicationId}/denial                          record   403   403   403   409   403   403   403
            POST   /api/applications/{applicationId}/withdrawal                      record   409   404   403   403   403   403   403
            POST   /api/applications/{applicationId}/comments                        record   409   404   409   409   403   403   403
            GET    /api/applications/{applicationId}/comments                        record   200   404   200   200   200   200   200
            POST   /api/applications/{applicationId}/references                      record   409   404   403   403   403   403   403
            GET    /api/applications/{applicationId}/references                      record   200   404   200   200   200   200   200
            GET    /api/applications/{applicationId}/references/{referenceId}        record   200   404   200   200   200   200   200
            POST   /api/applications/{applicationId}/references/{referenceId}/replacement record   409   404   403   403   403   403   403
            POST   /api/applications/{applicationId}/references/{referenceId}/link   record   409   404   403   403   403   403   403
            # A rater's link, spent: it works once.
            GET    /api/references/{token}                                           public   410
            POST   /api/references/{token}                                           public   410
            # A provider's one-time link: a rater's secret is no supervision link.
            GET    /api/supervision-confirmations/{token}                            public   404
            POST   /api/supervision-confirmations/{token}                            public   404
            POST   /api/applications/prior-endorsements                              tenant   403   403   403   403   403   409   403
            # An import of endorsees: a dry run of a file with its header row only; the admin's own import.
            POST   /api/applications/endorsee-imports                                tenant   403   403   403   403   403   200   403
            GET    /api/applications/endorsee-imports/{importId}                     record   403   403   403   403   403   200   403
            # The audit API (service-kit): auditors and admins, in the association they act in.
            GET    /api/audit/{kind}/{aggregateId}/events                            record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/state                             record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/verification                      record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/events                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/export                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/verification                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/exports                                         tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/signing-keys                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/event-types                                     tenant   403   403   403   403   200   200   200
            # Read-model rebuilds: the platform operator; one runs at a time.
            GET    /api/applications/read-models                                     platform 403   403   403   403   403   403   200
            POST   /api/applications/read-models/{readModel}/rebuilds                platform 403   403   403   403   403   403   202|409
            GET    /api/applications/read-models/rebuilds                            platform 403   403   403   403   403   403   200
            GET    /api/applications/read-models/rebuilds/{rebuildId}                platform 403   403   403   403   403   403   200
            # Consumers: the platform operator lists and replays their dead letters, pauses and resumes them.
            GET    /api/applications/dead-letters                                    platform 403   403   403   403   403   403   200
            POST   /api/applications/dead-letters/{binding}/replays                  platform 403   403   403   403   403   403   200
            GET    /api/applications/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   200
            PUT    /api/applications/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   200
            # Mail: the coordinators see what could not be sent, everyone what was mailed to them.
            GET    /api/applications/mail/failed                                     tenant   403   403   403   200   403   403   200
            GET    /api/applications/mail/mine                                       tenant   200   200   200   200   200   200   200

            # renewal-service                                                        scope    OWNER OTHER REVWR COORD AUDIT TADMN PADMN
            GET    /api/endorsements/{endorsementNumber}                             record   200   404   404   200   200   200   200
            PUT    /api/endorsements/{endorsementNumber}/email-address               record   409   404   403   403   403   403   403
            POST   /api/endorsements/{endorsementNumber}/trainings                   record   409   404   403   403   403   403   403
            PUT    /api/endorsements/{endorsementNumber}/trainings/{entryId}         record   409   404   403   403   403   403   403
            DELETE /api/endorsements/{endorsementNumber}/trainings/{entryId}         record   409   404   403   403   403   403   403
            POST   /api/endorsements/{endorsementNumber}/reflective-supervision      record   409   404   403   403   403   403   403
            PUT    /api/endorsements/{endorsementNumber}/reflective-supervision/{entryId} record   409   404   403   403   403   403   403
            DELETE /api/endorsements/{endorsementNumber}/reflective-supervision/{entryId} record   409   404   403   403   403   403   403
            POST   /api/endorsements/{endorsementNumber}/code-of-ethics              record   409   404   403   403   403   403   403
            GET    /api/endorsements/{endorsementNumber}/progress                    record   200   404   404   200   200   200   200
            POST   /api/endorsements/{endorsementNumber}/reinstatement               record   409   404   403   403   403   403   403
            POST   /api/endorsements/{endorsementNumber}/reinstatement/approval      record   403   403   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/revocation                  record   403   403   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/inactivation                record   409   404   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/reactivation                record   409   404   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/renewal                     record   409   404   403   403   403   403   403
            POST   /api/endorsements/{endorsementNumber}/renewal/return              record   403   403   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/renewal/approval            record   403   403   403   409   403   403   403
            POST   /api/endorsements/{endorsementNumber}/transfer                    record   409   404   403   403   403   403   403
            # Only the receiving association's coordinator accepts, and nothing is moving to either association.
            POST   /api/endorsements/{endorsementNumber}/transfer/acceptance         record   403   403   403   404   403   403   403
            # The transfers waiting for the coordinator's own association.
            GET    /api/endorsements/transfers                                       tenant   403   403   403   200   403   403   403
            # Evidence of the renewal's hours: the endorsee or a coordinator attaches; the endorsee and the staff see it;
            # a coordinator accepts or returns an item (the id asked for is none of the endorsement's).
            POST   /api/endorsements/{endorsementNumber}/evidence                    record   200|409 404 403 200|409 403 403 403
            GET    /api/endorsements/{endorsementNumber}/evidence                    record   200   404   404   200   200   200   200
            GET    /api/endorsements/{endorsementNumber}/evidence/{attachmentId}     record   404   404   404   404   404   404   404
            POST   /api/endorsements/{endorsementNumber}/evidence/{attachmentId}/acceptance record 403 403 403   404   403   403   403
            POST   /api/endorsements/{endorsementNumber}/evidence/{attachmentId}/return record 403   403   403   404   403   403   403
            # The association's renewal audits still open, for its coordinators and auditors.
            GET    /api/endorsements/renewal-audits                                  tenant   403   403   403   EMPTY EMPTY 403   403
            POST   /api/endorsements/{endorsementNumber}/claim                       record   200   409   403   403   403   403   403
            GET    /api/endorsements/mine                                            tenant   200   200   403   403   403   403   403
            POST   /api/endorsements/claims                                          tenant   200   200   403   403   403   403   403
            # The audit API (service-kit): auditors and admins, in the association they act in.
            GET    /api/audit/{kind}/{aggregateId}/events                            record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/state                             record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/verification                      record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/events                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/export                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/verification                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/exports                                         tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/signing-keys                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/event-types                                     tenant   403   403   403   403   200   200   200
            # Read-model rebuilds: the platform operator; one runs at a time.
            GET    /api/endorsements/read-models                                     platform 403   403   403   403   403   403   200
            POST   /api/endorsements/read-models/{readModel}/rebuilds                platform 403   403   403   403   403   403   202|409
            GET    /api/endorsements/read-models/rebuilds                            platform 403   403   403   403   403   403   200
            GET    /api/endorsements/read-models/rebuilds/{rebuildId}                platform 403   403   403   403   403   403   200
            # Consumers: the platform operator lists and replays their dead letters, pauses and resumes them.
            GET    /api/endorsements/dead-letters                                    platform 403   403   403   403   403   403   200
            POST   /api/endorsements/dead-letters/{binding}/replays                  platform 403   403   403   403   403   403   200
            GET    /api/endorsements/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   200
            PUT    /api/endorsements/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   200
            # Mail: the coordinators see what could not be sent, everyone what was mailed to them.
            GET    /api/endorsements/mail/failed                                     tenant   403   403   403   200   403   403   200
            GET    /api/endorsements/mail/mine                                       tenant   200   200   200   200   200   200   200

            # payment-service                                                        scope    OWNER OTHER REVWR COORD AUDIT TADMN PADMN
            GET    /api/payments/invoices                                            search   200   EMPTY EMPTY 200   200   200   200
            POST   /api/payments/invoices                                            tenant   403   403   403   200   403   403   403
            GET    /api/payments/invoices/{invoiceId}                                record   200   404   404   200   200   200   200
            POST   /api/payments/invoices/{invoiceId}/payments                       record   403   403   403   409   403   403   403
            POST   /api/payments/invoices/{invoiceId}/waivers                        record   403   403   403   409   403   403   403
            POST   /api/payments/invoices/{invoiceId}/voiding                        record   403   403   403   409   403   403   403
            POST   /api/payments/invoices/{invoiceId}/refunds                        record   403   403   403   409   403   403   403
            POST   /api/payments/invoices/{invoiceId}/card-checkouts                 record   409   404   403   409   403   403   403
            GET    /api/payments/invoices/{invoiceId}/receipt                        record   200   404   404   200   200   200   200
            POST   /api/payments/group-payments                                      record   403   403   403   409   403   403   403
            GET    /api/payments/accounts                                            tenant   403   403   403   200   200   403   403
            GET    /api/payments/accounts/invoices                                   tenant   403   403   403   200   200   403   403
            # The association's membership rule, for anyone signed in.
            GET    /api/payments/membership-policy                                   tenant   200   200   200   200   200   200   200
            # The card processor calls without a token; the request's signature is checked instead.
            POST   /api/payments/card-webhooks                                       public   400
            # The audit API (service-kit): auditors and admins, in the association they act in.
            GET    /api/audit/{kind}/{aggregateId}/events                            record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/state                             record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/verification                      record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/events                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/export                        record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/verification                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/exports                                         tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/signing-keys                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/event-types                                     tenant   403   403   403   403   200   200   200
            # Read-model rebuilds: the platform operator; one runs at a time.
            GET    /api/payments/read-models                                         platform 403   403   403   403   403   403   200
            POST   /api/payments/read-models/{readModel}/rebuilds                    platform 403   403   403   403   403   403   202|409
            GET    /api/payments/read-models/rebuilds                                platform 403   403   403   403   403   403   200
            GET    /api/payments/read-models/rebuilds/{rebuildId}                    platform 403   403   403   403   403   403   200
            # Consumers: the platform operator lists and replays their dead letters, pauses and resumes them.
            GET    /api/payments/dead-letters                                        platform 403   403   403   403   403   403   200
            POST   /api/payments/dead-letters/{binding}/replays                      platform 403   403   403   403   403   403   200
            GET    /api/payments/dead-letters/{binding}/state                        platform 403   403   403   403   403   403   200
            PUT    /api/payments/dead-letters/{binding}/state                        platform 403   403   403   403   403   403   200
            # Mail: the coordinators see what could not be sent, everyone what was mailed to them.
            GET    /api/payments/mail/failed                                         tenant   403   403   403   200   403   403   200
            GET    /api/payments/mail/mine                                           tenant   200   200   200   200   200   200   200

            # registry-service                                                       scope    OWNER OTHER REVWR COORD AUDIT TADMN PADMN
            GET    /api/registry/endorsees                                           public   200
            GET    /api/registry/endorsements/{endorsementNumber}                    public   200
            GET    /api/registry/endorsements/{endorsementNumber}/qr                 public   200
            GET    /api/registry/endorsements/{endorsementNumber}/certificate        public   409
            GET    /api/registry/reflective-supervision-providers                    public   200
            GET    /api/registry/badges/{endorsementNumber}                          public   409
            POST   /api/registry/badges/verifications                                public   200
            GET    /api/registry/issuers/{tenantId}                                  public   200
            GET    /api/registry/issuers/{tenantId}/jwks                             public   200
            GET    /api/registry/issuers/{tenantId}/revocations/{endorsementNumber}  public   200
            GET    /api/registry/issuers/{tenantId}/badges/{endorsementNumber}       public   409
            GET    /api/registry/issuers/{tenantId}/achievements/{category}          public   200
            GET    /api/registry/issuers/{tenantId}/keys/{keyId}                     public   200
            GET    /api/registry/issuers/{tenantId}/status/{purpose}                 public   200
            GET    /api/registry/issuers/{tenantId}/achievements/{category}/image    public   200
            GET    /api/registry/issuers/{tenantId}/achievements/{category}/image.png public  200
            GET    /api/registry/endorsements/{endorsementNumber}/badge.png          public   409
            GET    /api/registry/endorsements/{endorsementNumber}/badge.svg          public   409
            GET    /api/registry/endorsements/{endorsementNumber}/sharing            public   409
            GET    /api/registry/admin/rebuilds/{id}                                 platform 403   403   403   403   403   403   200
            # One rebuild runs at a time: a second one asked for meanwhile is refused.
            POST   /api/registry/admin/rebuilds                                      platform 403   403   403   403   403   403   202|409
            GET    /api/registry/admin/dead-letters                                  platform 403   403   403   403   403   403   200
            POST   /api/registry/admin/dead-letters/{binding}/replays                platform 403   403   403   403   403   403   200
            GET    /api/registry/admin/dead-letters/{binding}/state                  platform 403   403   403   403   403   403   200
            PUT    /api/registry/admin/dead-letters/{binding}/state                  platform 403   403   403   403   403   403   200

            # association-service                                                    scope    OWNER OTHER REVWR COORD AUDIT TADMN PADMN
            # The associations as anyone may list them.
            GET    /api/associations                                                 public   200
            # Only the platform operator adds an association; Washington's exists already.
            POST   /api/associations                                                 platform 403   403   403   403   403   403   409
            GET    /api/associations/{code}                                          association 403 403 403 200  200   200   200
            PUT    /api/associations/{code}/profile                                  association 403 403 403 403  403   200   200
            POST   /api/associations/{code}/policy-versions                          association 403 403 403 403  403   201   201
            POST   /api/associations/{code}/policy-previews                          association 403 403 403 403  403   200   200
            GET    /api/associations/{code}/policy                                   association 403 403 403 200  200   200   200
            # Each person's own mail preferences, in the association they act in.
            GET    /api/associations/mail-preferences/mine                           tenant   200   200   200   200   200   200   200
            PUT    /api/associations/mail-preferences/mine                           tenant   200   200   200   200   200   200   200
            # The audit API (service-kit): auditors and admins, in the association they act in. No person's
            # events are in an association's record.
            GET    /api/audit/{kind}/{aggregateId}/events                            record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/state                             record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/{aggregateId}/verification                      record   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/people/{personId}/events                        record   403   403   403   403   404   404   404
            GET    /api/audit/{kind}/people/{personId}/export                        record   403   403   403   403   404   404   404
            GET    /api/audit/{kind}/verification                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/exports                                         tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/signing-keys                                    tenant   403   403   403   403   200   200   200
            GET    /api/audit/{kind}/event-types                                     tenant   403   403   403   403   200   200   200
            # Read-model rebuilds: the platform operator; one runs at a time.
            GET    /api/associations/read-models                                     platform 403   403   403   403   403   403   200
            POST   /api/associations/read-models/{readModel}/rebuilds                platform 403   403   403   403   403   403   202|409
            GET    /api/associations/read-models/rebuilds                            platform 403   403   403   403   403   403   200
            GET    /api/associations/read-models/rebuilds/{rebuildId}                platform 403   403   403   403   403   403   200
            # Consumers: the service has none.
            GET    /api/associations/dead-letters                                    platform 403   403   403   403   403   403   200
            POST   /api/associations/dead-letters/{binding}/replays                  platform 403   403   403   403   403   403   404
            GET    /api/associations/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   404
            PUT    /api/associations/dead-letters/{binding}/state                    platform 403   403   403   403   403   403   404
            """;

    /**
     * What each request carries beyond its path: a query, a body, an {@code Idempotency-Key}. Bodies are valid, so
     * that a caller who may call the endpoint gets past validation to the records' own rules. {@code {name}} is
     * filled with an id of the records made for the matrix.
     */
    private static final Map<String, Request> REQUESTS = new LinkedHashMap<>();

    /** The header row of an endorsee file (application-service's import). */
    static final String ENDORSEE_FILE_HEADER =
            "endorsement_number,name,email,category,endorsed_since,valid_through,status,provides_rsc,ers_add_on\n";

    static {
        request("PUT /api/applications/dead-letters/{binding}/state", body("{\"state\": \"RUNNING\"}"));
        request("PUT /api/endorsements/dead-letters/{binding}/state", body("{\"state\": \"RUNNING\"}"));
        request("PUT /api/payments/dead-letters/{binding}/state", body("{\"state\": \"RUNNING\"}"));
        request("PUT /api/registry/admin/dead-letters/{binding}/state", body("{\"state\": \"RUNNING\"}"));
        request("PUT /api/associations/dead-letters/{binding}/state", body("{\"state\": \"RUNNING\"}"));
        String education = "{\"degree\": \"ASSOCIATE\", \"field\": \"Early childhood\", \"institution\": \"Spokane CC\","
                + " \"year\": 2018}";
        String work = "{\"role\": \"Home visitor\", \"employer\": \"Early Head Start\", \"startedOn\": \"2019-09-01\","
                + " \"hoursPerWeek\": 40, \"paid\": true, \"populations\": [\"INFANTS\", \"FAMILIES\"]}";
        String training = "{\"title\": \"Observation\", \"provider\": \"WA-AIMH\", \"attendedOn\": \"2024-05-01\","
                + " \"hours\": 6, \"domains\": [\"THINKING\"]}";
        String supervision = "{\"heldOn\": \"2026-06-01\", \"hours\": 1.5, \"format\": \"INDIVIDUAL\","
                + " \"providerEndorsementNumber\": \"WA-P-0001\"}";
        request("POST /api/applications", body("{\"applicantName\": \"Matrix Person\", \"category\": \"XYZ\","
                + " \"contactEmail\": \"matrix@example.org\", \"stateOfResidence\": \"WA\"}"));
        request("GET /api/applications", query("status=SUBMITTED"));
        for (String kind : List.of("education", "work", "trainings", "supervision")) {
            String entry = Map.of("education", education, "work", work, "trainings", training,
                    "supervision", supervision).get(kind);
            request("POST /api/applications/{applicationId}/portfolio/" + kind, body(entry));
            request("PUT /api/applications/{applicationId}/portfolio/" + kind + "/{entryId}", body(entry));
        }
        request("POST /api/applications/{applicationId}/reviewers",
                body("{\"reviewers\": [\"reviewer-wa\", \"reviewer2-wa\"]}"));
        request("POST /api/applications/{applicationId}/reviews", body("{\"decision\": \"APPROVE\"}"));
        request("POST /api/applications/{applicationId}/exam", body("{\"sittingOn\": \"2027-03-15\"}"));
        request("POST /api/applications/{applicationId}/exam/scores",
                body("{\"part\": \"MULTIPLE_CHOICE\", \"percent\": 84}"));
        request("POST /api/applications/{applicationId}/exam/scorers",
                body("{\"scorers\": [\"scorer-wa\", \"scorer2-wa\"]}"));
        request("POST /api/applications/exam-sittings/{candidateCode}/scores",
                body("{\"part\": \"MULTIPLE_CHOICE\", \"percent\": 84}"));
        request("POST /api/applications/{applicationId}/denial", body("{\"reasons\": [\"Incomplete\"]}"));
        request("POST /api/applications/{applicationId}/withdrawal", body("{\"reason\": \"Moving\"}"));
        request("POST /api/applications/{applicationId}/comments",
                body("{\"section\": \"WORK\", \"text\": \"Which ages did the home visits serve?\"}"));
        String rater = "{\"name\": \"Dee Rater\", \"email\": \"dee.matrix@example.org\", \"relationship\": \"OTHER\","
                + " \"waivesAccess\": false}";
        request("POST /api/applications/{applicationId}/references", body(rater));
        request("POST /api/applications/{applicationId}/references/{referenceId}/replacement", body(rater));
        request("POST /api/references/{token}", body("{\"knownForMonths\": 36, \"answers\": {}}"));
        request("POST /api/supervision-confirmations/{token}", body("{\"sessions\": []}"));
        request("POST /api/applications/{applicationId}/portfolio/{entryId}/attachments", multipart(null, null,
                "transcript.pdf", "%PDF-1.7\n% transcript\n%%EOF\n").key("matrix-attachment"));
        request("POST /api/applications/{applicationId}/portfolio/supervision-confirmations",
                body("{\"providerEndorsementNumber\": \"WA-P-0001\", \"providerName\": \"Pat Provider\","
                        + " \"providerEmail\": \"pat.matrix@example.org\"}"));
        // The same prior endorsement the records were made with: recorded once only.
        request("POST /api/applications/prior-endorsements", body("{\"endorsementNumber\": \"WA-P-0001\","
                + " \"subject\": \"reviewer-wa\", \"name\": \"Ana Lima\", \"category\": \"IMHM-C\","
                + " \"endorsedSince\": \"2015-06-01\"}"));

        request("POST /api/applications/endorsee-imports", csv("dryRun=true", ENDORSEE_FILE_HEADER));

        request("PUT /api/endorsements/{endorsementNumber}/email-address",
                body("{\"emailAddress\": \"matrix@example.org\"}"));
        request("POST /api/endorsements/{endorsementNumber}/trainings",
                body("{\"title\": \"Reflective practice\", \"attendedOn\": \"2026-01-15\", \"hours\": 1}"));
        request("PUT /api/endorsements/{endorsementNumber}/trainings/{entryId}",
                body("{\"title\": \"Reflective practice\", \"attendedOn\": \"2026-01-15\", \"hours\": 1}"));
        request("PUT /api/endorsements/{endorsementNumber}/reflective-supervision/{entryId}",
                body("{\"providerNumber\": \"WA-999999\", \"sessionOn\": \"2026-01-15\", \"hours\": 1}"));
        request("POST /api/endorsements/{endorsementNumber}/reflective-supervision",
                body("{\"providerNumber\": \"WA-999999\", \"sessionOn\": \"2026-01-15\", \"hours\": 1}"));
        request("POST /api/endorsements/{endorsementNumber}/revocation", body("{\"reason\": \"Again\"}"));
        request("POST /api/endorsements/{endorsementNumber}/renewal/return", body("{\"comments\": \"Add the log\"}"));
        request("POST /api/endorsements/{endorsementNumber}/evidence", multipart("year", String.valueOf(
                java.time.Year.now(java.time.ZoneId.of("America/Los_Angeles")).getValue()), "hours.pdf",
                "%PDF-1.7\n% hours of the year\n%%EOF\n").key("matrix-evidence"));
        request("POST /api/endorsements/{endorsementNumber}/evidence/{attachmentId}/return",
                body("{\"reason\": \"The log is not signed\"}"));
        request("POST /api/endorsements/{endorsementNumber}/transfer", body("{\"toTenantId\": \"ma\"}"));

        request("GET /api/payments/invoices", query("applicationId={applicationId}"));
        // The key the records' own invoice was issued with: the invoice issued then is the answer.
        request("POST /api/payments/invoices", body("{\"personId\": \"applicant-wa\", \"lines\": [{\"description\":"
                + " \"Matrix\", \"amountCents\": 100}]}").key("matrix-invoice"));
        request("POST /api/payments/invoices/{invoiceId}/payments",
                body("{\"amountCents\": 100, \"currency\": \"USD\", \"method\": \"CHECK\"}").key("matrix-1"));
        request("POST /api/payments/invoices/{invoiceId}/waivers", body("{\"amountCents\": 100, \"currency\": \"USD\","
                + " \"kind\": \"WAIVER\", \"reason\": \"Hardship\"}").key("matrix-1"));
        request("POST /api/payments/invoices/{invoiceId}/voiding", body("{\"reason\": \"Issued by mistake\"}"));
        request("POST /api/payments/invoices/{invoiceId}/refunds", body("{\"amountCents\": 999999,"
                + " \"currency\": \"USD\", \"reason\": \"OTHER\"}").key("matrix-1"));
        request("POST /api/payments/invoices/{invoiceId}/card-checkouts", body(null).key("matrix-1"));
        request("POST /api/payments/group-payments", body("{\"payer\": \"Agency\", \"amountCents\": 100,"
                + " \"currency\": \"USD\", \"method\": \"CHECK\", \"invoiceIds\": [\"{invoiceId}\"]}").key("matrix-1"));
        request("GET /api/payments/accounts/invoices", query("standing=PAID"));
        request("POST /api/payments/card-webhooks", body("{\"type\": \"payment_intent.succeeded\"}"));

        request("GET /api/audit/{kind}/{aggregateId}/state", query("at=2100-01-01T00:00:00Z"));
        request("GET /api/audit/{kind}/exports", query("from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));

        // Washington's record as seeded: created again (409), its profile restated, a version far ahead restated.
        Association washington = AssociationSeed.load().get(1);
        request("POST /api/associations", body(json(washington)));
        request("PUT /api/associations/{code}/profile", body("{\"name\": \"" + washington.name() + "\","
                + " \"state\": \"WA\", \"timeZone\": \"America/Los_Angeles\", \"languages\": [\"en\", \"es\"],"
                + " \"badgeIssuer\": {\"name\": \"" + washington.badgeIssuer().name() + "\","
                + " \"signingKeyReference\": \"" + washington.badgeIssuer().signingKeyReference() + "\"},"
                + " \"linkLifetime\": \"P30D\", \"minimumKnownMonths\": 12, \"notEnoughInformationLimit\": 6}"));
        String farAhead = "{\"exam\": {\"effectiveFrom\": \"2099-01-01\", \"passPercent\": 80,"
                + " \"retakeAfterMonths\": 12}}";
        request("POST /api/associations/{code}/policy-versions", body(farAhead));
        request("POST /api/associations/{code}/policy-previews", body(farAhead));
        request("GET /api/associations/{code}/policy", query("at=2100-01-01T00:00:00Z"));
        // Every caller leaves the choice to each step, as they had it.
        request("PUT /api/associations/mail-preferences/mine", body("{}"));

        request("GET /api/registry/endorsees", query("name=matrix&state=WA"));
        request("GET /api/registry/reflective-supervision-providers", query("state=WA"));
        request("POST /api/registry/badges/verifications", body("{\"credential\": \"not.a.credential\"}"));
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of the table. */
    record Entry(String service, String method, String path, Scope scope, Map<Caller, String> expected) {

        /** {@code "<service> <METHOD> <path template>"}, as the service's OpenAPI description names it. */
        String key() {
            return service + " " + method + " " + path;
        }

        /** What a caller of the same role in the other association gets. */
        String expectedOfTheOtherAssociation(Caller caller) {
            String own = expected.get(caller);
            if ("403".equals(own)) {
                return own;
            }
            if (scope == Scope.ASSOCIATION) {
                return caller == Caller.PLATFORM_ADMIN ? own : "404";
            }
            return scope == Scope.RECORD ? "404" : scope == Scope.SEARCH ? "EMPTY" : own;
        }
    }

    /** The table, line by line. */
    static final List<Entry> ENTRIES = parse(TABLE);

    private SecurityMatrix() {
    }

    private static List<Entry> parse(String table) {
        List<Entry> entries = new ArrayList<>();
        String service = null;
        for (String line : table.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] columns = line.split("\\s+");
            if (line.startsWith("#")) {
                service = columns[1].endsWith("-service") ? columns[1] : service;
                continue;
            }
            Scope scope = Scope.valueOf(columns[2].toUpperCase());
            Map<Caller, String> expected = new LinkedHashMap<>();
            int wanted = scope == Scope.PUBLIC ? 4 : 3 + Caller.values().length;
            if (columns.length != wanted) {
                throw new IllegalStateException("SecurityMatrix: " + wanted + " columns expected in: " + line);
            }
            for (Caller caller : Caller.values()) {
                expected.put(caller, columns[scope == Scope.PUBLIC ? 3 : 3 + caller.ordinal()]);
            }
            entries.add(new Entry(service, columns[0], columns[1], scope, expected));
        }
        return entries;
    }

    /** The endpoints a running service describes, in the form of {@link Entry#key()}. */
    static TreeSet<String> described(String service, ApiClient direct) {
        Response docs = direct.get("/v3/api-docs");
        if (docs.status() != 200) {
            throw new IllegalStateException(service + " describes no API: " + docs);
        }
        TreeSet<String> endpoints = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = docs.body().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    endpoints.add(service + " " + method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        return endpoints;
    }

    /** Requests written for endpoints the table does not list (a typo, or an endpoint gone). */
    static List<String> requestsWithoutAnEntry() {
        List<String> listed = ENTRIES.stream().map(e -> e.method() + " " + e.path()).toList();
        return REQUESTS.keySet().stream().filter(endpoint -> !listed.contains(endpoint)).toList();
    }

    static List<String> services() {
        return ENTRIES.stream().map(Entry::service).distinct().toList();
    }

    /**
     * Sends the entry's request, with the records' ids in its path, query and body; an id named
     * {@code "<service>.<name>"} fills {@code {name}} in that service's requests only (the audit API's kind and
     * aggregate, a read model and its rebuild).
     */
    static Response call(ApiClient client, Entry entry, Map<String, String> records) {
        Map<String, String> ids = new LinkedHashMap<>();
        records.forEach((name, id) -> {
            if (name.startsWith(entry.service() + ".")) {
                ids.put(name.substring(entry.service().length() + 1), id);
            } else if (!name.contains(".")) {
                ids.putIfAbsent(name, id);
            }
        });
        Request request = REQUESTS.getOrDefault(entry.method() + " " + entry.path(), body(null));
        String path = fill(entry.path(), ids) + (request.query() == null ? "" : "?" + fill(request.query(), ids));
        String body = request.body() == null ? null : fill(request.body(), ids);
        switch (entry.method()) {
            case "GET":
                return client.get(path);
            case "POST":
                Map<String, String> headers = new LinkedHashMap<>();
                if (request.key() != null) {
                    headers.put("Idempotency-Key", request.key());
                }
                if (request.contentType() != null) {
                    headers.put("Content-Type", request.contentType());
                }
                return client.post(path, body, headers);
            case "PUT":
                return client.put(path, body);
            case "DELETE":
                return client.delete(path);
            default:
                throw new IllegalArgumentException(entry.key());
        }
    }

    /** Whether an answer is what the table expects. */
    static boolean matches(String expected, Response answer) {
        if ("EMPTY".equals(expected)) {
            return answer.status() == 200 && answer.body().isArray() && answer.body().isEmpty();
        }
        return Arrays.asList(expected.split("\\|")).contains(Integer.toString(answer.status()));
    }

    private static String fill(String text, Map<String, String> ids) {
        String filled = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace("{" + id.getKey() + "}", id.getValue());
        }
        if (filled.matches("(?s).*\\{[A-Za-z]+}.*")) {
            throw new IllegalStateException("SecurityMatrix: no record made for " + filled);
        }
        return filled;
    }

    private record Request(String query, String body, String key, String contentType) {
        Request key(String idempotencyKey) {
            return new Request(query, body, idempotencyKey, contentType);
        }
    }

    private static Request body(String json) {
        return new Request(null, json, null, null);
    }

    private static Request query(String query) {
        return new Request(query, null, null, null);
    }

    private static Request csv(String query, String text) {
        return new Request(query, text, null, "text/csv");
    }

    /** A form with a PDF file and one text field (none when {@code field} is null), as a browser sends it. */
    private static Request multipart(String field, String value, String fileName, String pdf) {
        String boundary = "matrix-boundary-7f3a";
        String body = (field == null ? "" : "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n")
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n" + pdf + "\r\n"
                + "--" + boundary + "--\r\n";
        return new Request(null, body, null, "multipart/form-data; boundary=" + boundary);
    }

    private static void request(String endpoint, Request request) {
        REQUESTS.put(endpoint, request);
    }
}
