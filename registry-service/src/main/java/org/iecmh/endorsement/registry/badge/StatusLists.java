package org.iecmh.endorsement.registry.badge;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The W3C Bitstring Status Lists of each association: one for {@code revocation} (revoked, transferred away), one for
 * {@code suspension} (inactive, lapsed: both can end, and the bit is cleared when they do). Every badge an
 * association issues holds one index, drawn at random, in both of its lists; a verifier fetches the whole list, so
 * the association never learns which badge is being checked.
 * <p>
 * The bits are computed from the registry each time a list is asked for, so they follow the endorsement's lifecycle
 * events with no second record to keep in step.
 */
@Component
class StatusLists {

    /** 131,072 bits (16 KiB), the smallest list the W3C recommendation allows, so that a list hides its holders. */
    static final int SIZE = 131_072;

    enum Purpose {
        REVOCATION("revocation"), SUSPENSION("suspension");

        final String word;

        Purpose(String word) {
            this.word = word;
        }

        static Optional<Purpose> of(String word) {
            for (Purpose purpose : values()) {
                if (purpose.word.equals(word)) {
                    return Optional.of(purpose);
                }
            }
            return Optional.empty();
        }
    }

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    StatusLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The badge's index in the association's lists, drawn at random the first time the association issues it. */
    int indexOf(String tenantId, String endorsementNumber) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<Integer> known = known(tenantId, endorsementNumber);
            if (known.isPresent()) {
                return known.get();
            }
            int candidate = random.nextInt(SIZE);
            try {
                jdbc.update("INSERT INTO badge_status_entry (tenant_id, endorsement_number, status_index) "
                        + "VALUES (?, ?, ?)", tenantId, endorsementNumber, candidate);
            } catch (DuplicateKeyException takenOrRaced) {
                // Another badge holds that index, or another request drew one for this badge first: look again.
            }
        }
        throw new IllegalStateException("No free status index for " + endorsementNumber + " in " + tenantId);
    }

    Optional<Integer> known(String tenantId, String endorsementNumber) {
        return jdbc.queryForList("SELECT status_index FROM badge_status_entry WHERE tenant_id = ? "
                + "AND endorsement_number = ?", Integer.class, tenantId, endorsementNumber).stream().findFirst();
    }

    /** The indexes whose bit is set in one of the association's lists now. */
    List<Integer> setIndexes(String tenantId, Purpose purpose) {
        String condition = purpose == Purpose.REVOCATION
                ? "r.status IN ('REVOKED', 'TRANSFERRED') OR r.tenant_id <> s.tenant_id"
                : "r.status IN ('LAPSED', 'INACTIVE') AND r.tenant_id = s.tenant_id";
        return jdbc.queryForList("SELECT s.status_index FROM badge_status_entry s JOIN registry_entry r "
                + "ON r.endorsement_number = s.endorsement_number WHERE s.tenant_id = ? AND (" + condition + ")"
                + " ORDER BY s.status_index", Integer.class, tenantId);
    }

    /** Whether the badge's bit is set in the list. */
    boolean isSet(String tenantId, Purpose purpose, int index) {
        return setIndexes(tenantId, purpose).contains(index);
    }

    /**
     * The list as the recommendation encodes it: the bitstring (index 0 the left-most bit of the first byte),
     * GZIP-compressed, in base64url without padding, with the multibase prefix {@code u}.
     */
    static String encode(List<Integer> setIndexes) {
        byte[] bits = new byte[SIZE / 8];
        for (int index : setIndexes) {
            bits[index / 8] |= (byte) (0x80 >>> (index % 8));
        }
        try (ByteArrayOutputStream compressed = new ByteArrayOutputStream()) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(bits);
            }
            return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(compressed.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
