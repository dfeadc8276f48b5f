package org.iecmh.endorsement.registry.verification;

import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.EndorsementStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * What a parent or employer needs to know about an endorsement number, in one answer: whose it is (registry fields
 * only), whether it is active, since when, and, after a transfer to a new number, the number it continues under; and the
 * add-ons the association attests with it ({@code ERS}).
 */
public record Verification(String endorsementNumber, EndorsementStatus status, boolean active, String name,
                           String category, String state, LocalDate endorsedSince, LocalDate validThrough,
                           LocalDate statusSince, String transferredTo, List<String> addOns) {

    static Verification of(EndorsementRecord record) {
        return new Verification(record.entry().endorsementNumber(), record.status(),
                record.status() == EndorsementStatus.ACTIVE, record.entry().name(), record.entry().category(),
                record.entry().state(), record.entry().endorsedSince(), record.entry().validThrough(),
                record.statusSince(), record.transferredTo(), record.entry().addOns());
    }
}
