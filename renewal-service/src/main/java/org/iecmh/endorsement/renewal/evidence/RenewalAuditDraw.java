package org.iecmh.endorsement.renewal.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * Which renewals an association's audit samples: a draw from 0 to 9,999 made of the association, the endorsement and
 * the cycle (the day it closes) alone, through SHA-256, so that a renewal submitted again, a command retried or a
 * stream replayed draws the same number, and an auditor can compute it again from the event. A renewal is sampled
 * when its draw falls below the association's share: at 0% none is, at 100% every one.
 */
public final class RenewalAuditDraw {

    /** The draws run from 0 to {@code RANGE - 1}; a percent is {@code RANGE / 100} of them. */
    public static final int RANGE = 10_000;

    private RenewalAuditDraw() {
    }

    /**
     * The draw of the renewal of {@code endorsementNumber}, held by {@code tenantId}, for the cycle closing on
     * {@code validThrough}.
     */
    public static int draw(String tenantId, String endorsementNumber, LocalDate validThrough) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(("renewal-audit\n" + tenantId + "\n"
                    + endorsementNumber + "\n" + validThrough).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        long first = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                | (digest[3] & 0xFFL);
        return (int) (first % RANGE);
    }

    /** Whether a renewal that drew {@code draw} is sampled where the association audits {@code auditPercent}%. */
    public static boolean sampled(int draw, int auditPercent) {
        return draw < auditPercent * (RANGE / 100);
    }
}
