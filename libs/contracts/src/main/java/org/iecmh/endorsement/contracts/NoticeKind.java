package org.iecmh.endorsement.contracts;

import java.util.Arrays;
import java.util.List;

/**
 * Every notice the platform mails, by the code its templates are named after ({@code mail/<code>.<language>.txt} in
 * the service that sends it) and that an association's record names to switch one off ({@code noticesOff}). A rater's
 * link cannot be switched off, nor a supervision provider's: the link exists nowhere but in its mail.
 */
public enum NoticeKind {
    // application-service
    APPLICATION_STARTED("application-started"),
    APPLICATION_SUBMITTED("application-submitted"),
    APPLICATION_RESUBMITTED("application-resubmitted"),
    APPLICATION_RETURNED("application-returned"),
    APPLICATION_DENIED("application-denied"),
    REFERENCE_REQUEST("reference-request", false),
    SUPERVISION_CONFIRMATION_REQUEST("supervision-confirmation-request", false),
    REVIEW_ASSIGNED("review-assigned"),
    SECTION_COMMENTED("section-commented"),
    EXAM_SCHEDULED("exam-scheduled"),
    EXAM_SCORING_ASSIGNED("exam-scoring-assigned"),
    EXAM_PASSED("exam-passed"),
    EXAM_FAILED("exam-failed"),
    ENDORSEMENT_GRANTED("endorsement-granted"),
    // payment-service
    INVOICE_ISSUED("invoice-issued"),
    INVOICE_PAID("invoice-paid"),
    // renewal-service
    RENEWAL_OPENS_SOON("renewal-opens-soon"),
    RENEWAL_WINDOW_OPENED("renewal-window-opened"),
    RENEWAL_CLOSES_SOON("renewal-closes-soon"),
    RENEWAL_RECEIVED("renewal-received"),
    RENEWAL_RETURNED("renewal-returned"),
    RENEWAL_EVIDENCE_REQUESTED("renewal-evidence-requested"),
    RENEWAL_EVIDENCE_RETURNED("renewal-evidence-returned"),
    ENDORSEMENT_RENEWED("endorsement-renewed"),
    ENDORSEMENT_LAPSED("endorsement-lapsed"),
    REINSTATEMENT_REQUESTED("reinstatement-requested"),
    ENDORSEMENT_ACTIVE_AGAIN("endorsement-active-again"),
    TRANSFER_REQUESTED("transfer-requested"),
    TRANSFER_ACCEPTED("transfer-accepted");

    private final String code;
    private final boolean mayBeSwitchedOff;

    NoticeKind(String code) {
        this(code, true);
    }

    NoticeKind(String code, boolean mayBeSwitchedOff) {
        this.code = code;
        this.mayBeSwitchedOff = mayBeSwitchedOff;
    }

    public String code() {
        return code;
    }

    public boolean mayBeSwitchedOff() {
        return mayBeSwitchedOff;
    }

    /** The codes an association may name in {@code noticesOff}. */
    public static List<String> switchableCodes() {
        return Arrays.stream(values()).filter(NoticeKind::mayBeSwitchedOff).map(NoticeKind::code).toList();
    }

    public static NoticeKind fromCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown notice " + code));
    }
}
