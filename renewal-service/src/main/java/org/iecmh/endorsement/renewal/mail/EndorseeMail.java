package org.iecmh.endorsement.renewal.mail;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;
import org.iecmh.endorsement.contracts.NoticeKind;
import org.iecmh.endorsement.kit.mail.Notice;
import org.iecmh.endorsement.kit.mail.Notices;
import org.iecmh.endorsement.renewal.evidence.EvidenceReturned;
import org.iecmh.endorsement.renewal.evidence.RenewalSampled;
import org.iecmh.endorsement.renewal.lifecycle.EndorsementReactivated;
import org.iecmh.endorsement.renewal.reinstatement.ReinstatementRequested;
import org.iecmh.endorsement.renewal.requirements.YearlyActivityLog;
import org.iecmh.endorsement.renewal.schedule.EndorsementLapsed;
import org.iecmh.endorsement.renewal.submission.EndorsementRenewed;
import org.iecmh.endorsement.renewal.submission.RenewalReturned;
import org.iecmh.endorsement.renewal.submission.RenewalSubmitted;
import org.iecmh.endorsement.renewal.transfer.EndorsementTransferred;
import org.iecmh.endorsement.renewal.transfer.TransferRequested;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mails the endorsee about each step of their endorsement's life after the grant (renewal received, returned,
 * approved; drawn for the audit, and a file of its evidence returned; the lapse; reinstatement asked; active again; a transfer accepted), and the receiving association's
 * coordinator about a transfer that waits for them. In the endorsee's language (else the association's first), to the
 * address they chose, else the one the endorsement's reminders go to. A tracking processor of its own: each mail is recorded in the outbox in
 * the processor's transaction, keyed by its event, so a step handled again mails nothing more.
 */
@Component
@ProcessingGroup("endorsee-mail")
class EndorseeMail {

    private final Notices notices;
    private final Associations associations;
    private final JdbcTemplate jdbc;

    EndorseeMail(Notices notices, Associations associations, JdbcTemplate jdbc) {
        this.notices = notices;
        this.associations = associations;
        this.jdbc = jdbc;
    }

    /** Whom an endorsement's mail goes to. */
    private record Endorsee(String personId, String name, String email) {
    }

    @EventHandler
    void on(RenewalSubmitted event, @MessageIdentifier String eventId) {
        mail(NoticeKind.RENEWAL_RECEIVED, event.endorsementNumber(), event.tenantId(), eventId, Map.of());
    }

    @EventHandler
    void on(RenewalReturned event, @MessageIdentifier String eventId) {
        mail(NoticeKind.RENEWAL_RETURNED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("comments", event.comments()));
    }

    /** The years of the cycle the evidence is asked for, by the policy of the cycle. */
    @EventHandler
    void on(RenewalSampled event, @MessageIdentifier String eventId) {
        int last = event.validThrough().getYear();
        LocalDate endorsedSince = jdbc.queryForObject(
                "SELECT endorsed_since FROM endorsement_view WHERE endorsement_number = ?", LocalDate.class,
                event.endorsementNumber());
        int first = YearlyActivityLog.firstYearOfCycle(endorsedSince, event.validThrough(),
                associations.require(event.tenantId()).renewalPolicy(event.validThrough()));
        mail(NoticeKind.RENEWAL_EVIDENCE_REQUESTED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("years", first == last ? String.valueOf(last) : first + "-" + last));
    }

    @EventHandler
    void on(EvidenceReturned event, @MessageIdentifier String eventId) {
        List<Map<String, Object>> item = jdbc.queryForList(
                "SELECT file_name, year FROM renewal_evidence WHERE attachment_id = ?", event.attachmentId());
        mail(NoticeKind.RENEWAL_EVIDENCE_RETURNED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("reason", event.reason(),
                        "file", item.isEmpty() ? "" : item.get(0).get("file_name"),
                        "year", item.isEmpty() ? "" : item.get(0).get("year")));
    }

    @EventHandler
    void on(EndorsementRenewed event, @MessageIdentifier String eventId) {
        mail(NoticeKind.ENDORSEMENT_RENEWED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("validThrough", event.validThrough()));
    }

    @EventHandler
    void on(EndorsementLapsed event, @MessageIdentifier String eventId) {
        mail(NoticeKind.ENDORSEMENT_LAPSED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("lapsedOn", event.lapsedOn()));
    }

    @EventHandler
    void on(ReinstatementRequested event, @MessageIdentifier String eventId) {
        mail(NoticeKind.REINSTATEMENT_REQUESTED, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("feeCharged", event.feeCharged(), "invoice",
                        event.feeCharged() ? notices.link("/pay.html?invoice=" + event.invoiceId()) : ""));
    }

    @EventHandler
    void on(EndorsementReactivated event, @MessageIdentifier String eventId) {
        mail(NoticeKind.ENDORSEMENT_ACTIVE_AGAIN, event.endorsementNumber(), event.tenantId(), eventId,
                Map.of("validThrough", event.validThrough() == null ? "" : event.validThrough()));
    }

    @EventHandler
    void on(EndorsementTransferred event, @MessageIdentifier String eventId) {
        String from = associations.find(event.fromTenantId()).map(Association::name).orElse(event.fromTenantId());
        mail(NoticeKind.TRANSFER_ACCEPTED, event.endorsementNumber(), event.toTenantId(), eventId,
                Map.of("from", from, "validThrough", event.validThrough()));
    }

    /** The receiving association's coordinator learns that a transfer waits for them, in its first language. */
    @EventHandler
    void on(TransferRequested event, @MessageIdentifier String eventId) {
        Association receiving = associations.require(event.toTenantId());
        if (receiving.coordinator() == null || receiving.coordinator().email() == null
                || receiving.coordinator().email().isBlank()) {
            return;
        }
        Endorsee endorsee = endorsee(event.endorsementNumber()).orElse(null);
        String from = associations.find(event.tenantId()).map(Association::name).orElse(event.tenantId());
        notices.send(Notice.of(NoticeKind.TRANSFER_REQUESTED, event.toTenantId(), eventId,
                        receiving.coordinator().email())
                .with("number", event.endorsementNumber())
                .with("endorsee", endorsee == null ? "" : endorsee.name())
                .with("from", from)
                .leadingTo("/renewals.html?number=" + event.endorsementNumber()));
    }

    private void mail(NoticeKind kind, String number, String tenantId, String eventId, Map<String, Object> values) {
        Endorsee endorsee = endorsee(number).orElse(null);
        if (endorsee == null) {
            return;
        }
        notices.send(Notice.of(kind, tenantId, eventId, endorsee.email()).to(endorsee.personId(), null)
                .with("number", number)
                .with("endorsee", endorsee.name())
                .with(values)
                .leadingTo("/endorsement.html?number=" + number));
    }

    private Optional<Endorsee> endorsee(String number) {
        List<Endorsee> found = jdbc.query("""
                SELECT person_id, endorsee_name, email_address FROM endorsement_view WHERE endorsement_number = ?""",
                (rs, n) -> new Endorsee(rs.getString(1), rs.getString(2), rs.getString(3)), number);
        return found.stream().findFirst();
    }
}
