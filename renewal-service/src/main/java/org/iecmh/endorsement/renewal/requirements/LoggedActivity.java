package org.iecmh.endorsement.renewal.requirements;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A logged training or reflective supervision session, as the endorsee sees it to correct or remove it. */
public record LoggedActivity(String entryId, String kind, String title, String providerNumber, LocalDate on,
                             BigDecimal hours, BigDecimal deiHours) {
}
