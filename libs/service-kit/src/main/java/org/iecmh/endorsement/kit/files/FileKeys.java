package org.iecmh.endorsement.kit.files;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The keys files are sealed with: one per association and master key version, derived with HKDF-SHA256 (RFC 5869)
 * from that version's master key, so that no association's key opens another's files and no key is stored. New files
 * are sealed under the current version; older versions stay for reading what they sealed, which is how a master key
 * is rotated: add version n+1 and make it current, keep version n until nothing sealed under it is left.
 */
public final class FileKeys {

    /** Bytes of a master key and of an association's key (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final byte[] SALT = "iecmh-endorsement-files".getBytes(StandardCharsets.US_ASCII);

    private final Map<Integer, byte[]> masterKeys;
    private final int currentVersion;
    private final ConcurrentMap<String, SecretKey> derived = new ConcurrentHashMap<>();

    /**
     * @param masterKeys     every master key still in use, by version (1 and up), each of {@link #KEY_BYTES} bytes
     * @param currentVersion the version new files are sealed under; one of the keys
     */
    public FileKeys(Map<Integer, byte[]> masterKeys, int currentVersion) {
        if (masterKeys.isEmpty()) {
            throw new IllegalArgumentException("At least one master key is needed");
        }
        Map<Integer, byte[]> copied = new TreeMap<>();
        masterKeys.forEach((version, key) -> {
            if (version == null || version < 1) {
                throw new IllegalArgumentException("A master key's version is a number from 1, not " + version);
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("Master key version " + version + " must be " + KEY_BYTES
                        + " bytes, not " + (key == null ? 0 : key.length));
            }
            copied.put(version, key.clone());
        });
        if (!copied.containsKey(currentVersion)) {
            throw new IllegalArgumentException("The current master key version " + currentVersion
                    + " is not among the keys given, " + copied.keySet());
        }
        this.masterKeys = Collections.unmodifiableMap(copied);
        this.currentVersion = currentVersion;
    }

    /**
     * Master keys as configuration holds them, in base64; without a current version given, the highest is current.
     */
    public static FileKeys fromBase64(Map<Integer, String> masterKeys, Integer currentVersion) {
        TreeMap<Integer, byte[]> decoded = new TreeMap<>();
        masterKeys.forEach((version, key) -> {
            try {
                decoded.put(version, Base64.getDecoder().decode(key == null ? "" : key.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Master key version " + version + " is not base64", e);
            }
        });
        if (decoded.isEmpty()) {
            throw new IllegalArgumentException("At least one master key is needed");
        }
        return new FileKeys(decoded, currentVersion != null ? currentVersion : decoded.lastKey());
    }

    /** The version new files are sealed under. */
    public int currentVersion() {
        return currentVersion;
    }

    /**
     * The key of association {@code tenantId} under master key {@code version}.
     *
     * @throws FileNotAuthentic if this service holds no master key of that version
     */
    SecretKey forAssociation(String tenantId, int version) {
        return derived.computeIfAbsent(tenantId + '\0' + version, ignored -> {
            byte[] master = masterKeys.get(version);
            if (master == null) {
                throw new FileNotAuthentic("Sealed under master key version " + version
                        + ", which this service does not hold");
            }
            byte[] info = ("files\0" + tenantId + '\0' + version).getBytes(StandardCharsets.UTF_8);
            return new SecretKeySpec(hkdfSha256(SALT, master, info, KEY_BYTES), "AES");
        });
    }

    /** HKDF-SHA256 (RFC 5869): a key extracted from {@code ikm} with {@code salt}, expanded by {@code info}. */
    static byte[] hkdfSha256(byte[] salt, byte[] ikm, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            ByteArrayOutputStream okm = new ByteArrayOutputStream(length);
            byte[] previous = new byte[0];
            for (int block = 1; okm.size() < length; block++) {
                mac.update(previous);
                mac.update(info);
                mac.update((byte) block);
                previous = mac.doFinal();
                okm.write(previous, 0, Math.min(previous.length, length - okm.size()));
            }
            return okm.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
