package org.iecmh.endorsement.kit.files;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps an association's files (evidence: transcripts, training certificates, supervision logs) in an S3-compatible
 * bucket, sealed so that the store never holds a readable file and hands back only the bytes that were recorded.
 * <ul>
 *   <li>Each file lies under its association ({@code <tenantId>/<objectKey>}) and is encrypted on this side with
 *       AES-256-GCM under the association's key ({@link FileKeys}), with a random 96-bit nonce of its own. The
 *       association and the key are authenticated with it, so an object copied to another key or association does
 *       not open. The object's metadata names the algorithm and the master key version it was sealed under.</li>
 *   <li>{@link #put} answers a {@link StoredFile} for the caller to record in its event; {@link #get} opens the object
 *       and checks its size and SHA-256 against that record, so an object replaced by an older one of the same key
 *       is refused too. What fails is a {@link FileNotAuthentic}, never bytes.</li>
 * </ul>
 * The body of an object is a format byte, the nonce, then the ciphertext and its 128-bit tag. Random nonces keep an
 * association's key safe for some 2^32 files, far more than an association keeps under one master key version.
 * Thread-safe.
 */
public final class FileStore implements AutoCloseable {

    /** The algorithm of a sealed object, as its metadata records it. */
    public static final String ALGORITHM = "AES-256-GCM/HKDF-SHA256";
    /** Metadata keys (S3 lower-cases them). */
    static final String ALGORITHM_METADATA = "iecmh-algorithm";
    static final String KEY_VERSION_METADATA = "iecmh-key-version";

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9-]{1,63}");
    /** S3's safe characters; no empty, "." or ".." segment, so that a key names one place only. */
    private static final Pattern OBJECT_KEY = Pattern.compile(
            "(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*");
    private static final int MAX_OBJECT_KEY = 900;

    private final S3Client s3;
    private final String bucket;
    private final FileKeys keys;
    private final SecureRandom random = new SecureRandom();

    /** A store on {@code bucket}, which closes {@code s3} when it is closed. */
    public FileStore(S3Client s3, String bucket, FileKeys keys) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = keys;
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket unless it exists (a local platform or a test; production buckets are provisioned). */
    public void createBucketIfMissing() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            try {
                s3.createBucket(request -> request.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
                // Another instance created it first.
            }
        }
    }

    /**
     * Seals {@code bytes} under association {@code tenantId}'s current key and keeps them under {@code objectKey}
     * (replacing what was there), answering what the caller records.
     *
     * @param contentType the media type of the bytes, as {@link FileRules} found it
     */
    public StoredFile put(String tenantId, String objectKey, byte[] bytes, String contentType) {
        String location = location(tenantId, objectKey);
        int version = keys.currentVersion();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.forAssociation(tenantId, version),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenantId, objectKey, version));
            ByteBuffer body = ByteBuffer.allocate(1 + NONCE_BYTES + cipher.getOutputSize(bytes.length));
            body.put(FORMAT).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(bytes), body);
            sealed = body.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
        s3.putObject(request -> request.bucket(bucket).key(location)
                        .contentType("application/octet-stream")
                        .metadata(Map.of(ALGORITHM_METADATA, ALGORITHM, KEY_VERSION_METADATA, String.valueOf(version))),
                RequestBody.fromBytes(sealed));
        return new StoredFile(objectKey, bytes.length, contentType, sha256(bytes));
    }

    /**
     * The bytes of a file association {@code tenantId} recorded, once they are shown to be those bytes.
     *
     * @throws MissingFile      if nothing lies under the file's key in that association
     * @throws FileNotAuthentic if what lies there does not open under the association's key, or is not the file
     *                          recorded (size, SHA-256)
     */
    public byte[] get(String tenantId, StoredFile file) {
        String location = location(tenantId, file.objectKey());
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(request -> request.bucket(bucket).key(location));
        } catch (NoSuchKeyException missing) {
            throw new MissingFile("No file " + file.objectKey() + " in association " + tenantId);
        }
        Map<String, String> metadata = object.response().metadata();
        if (!ALGORITHM.equals(metadata.get(ALGORITHM_METADATA))) {
            throw new FileNotAuthentic("File " + file.objectKey() + " of association " + tenantId
                    + " is not sealed with " + ALGORITHM + " but " + metadata.get(ALGORITHM_METADATA));
        }
        int version;
        try {
            version = Integer.parseInt(metadata.getOrDefault(KEY_VERSION_METADATA, ""));
        } catch (NumberFormatException e) {
            throw new FileNotAuthentic("File " + file.objectKey() + " of association " + tenantId
                    + " names no master key version");
        }
        byte[] plain = open(tenantId, file.objectKey(), version, object.asByteArrayUnsafe());
        if (plain.length != file.size() || !sha256(plain).equalsIgnoreCase(file.sha256())) {
            throw new FileNotAuthentic("File " + file.objectKey() + " of association " + tenantId
                    + " is not the file recorded: " + plain.length + " bytes with SHA-256 " + sha256(plain)
                    + ", recorded " + file.size() + " bytes with " + file.sha256());
        }
        return plain;
    }

    /** Removes the file, if it is there. */
    public void delete(String tenantId, String objectKey) {
        String location = location(tenantId, objectKey);
        s3.deleteObject(request -> request.bucket(bucket).key(location));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Where a file of an association lies in the bucket. */
    static String location(String tenantId, String objectKey) {
        if (tenantId == null || !TENANT.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("Not an association's id: " + tenantId);
        }
        if (objectKey == null || objectKey.length() > MAX_OBJECT_KEY || !OBJECT_KEY.matcher(objectKey).matches()) {
            throw new IllegalArgumentException("Not a file key (segments of letters, digits and !_.*'()- joined by /): "
                    + objectKey);
        }
        return tenantId + "/" + objectKey;
    }

    /** SHA-256 in lower-case hex, as {@link StoredFile} records it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private byte[] open(String tenantId, String objectKey, int version, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new FileNotAuthentic("File " + objectKey + " of association " + tenantId + " is not a sealed file");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.forAssociation(tenantId, version),
                    new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(tenantId, objectKey, version));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new FileNotAuthentic("File " + objectKey + " of association " + tenantId
                    + " does not open under the association's key: altered, or not sealed for this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The association, the key and the master key version, each length-prefixed so that no two read alike. */
    private static byte[] associatedData(String tenantId, String objectKey, int version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("iecmh-file");
            out.writeUTF(tenantId);
            out.writeUTF(objectKey);
            out.writeInt(version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
