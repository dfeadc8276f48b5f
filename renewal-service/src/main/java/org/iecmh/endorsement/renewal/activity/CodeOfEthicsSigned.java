package org.iecmh.endorsement.renewal.activity;

import java.time.LocalDate;

/** The code of ethics is signed for the year of {@code signedOn}. */
public record CodeOfEthicsSigned(String endorsementNumber, String tenantId, LocalDate signedOn) {
}
