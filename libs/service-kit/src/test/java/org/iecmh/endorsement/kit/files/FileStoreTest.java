package org.iecmh.endorsement.kit.files;

import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files kept on a real S3-compatible server: sealed per association, and handed back only as they were recorded. */
class FileStoreTest {

    private static final SecureRandom random = new SecureRandom();
    private static FilesProperties properties;
    private static FileStore store;
    /** The bucket as anyone with the storage's credentials but not the master key sees it. */
    private static S3Client raw;

    @BeforeAll
    static void startStore() {
        properties = bind(RealInfrastructureProperties.forFiles("FileStoreTest"));
        store = new FileStore(FilesAutoConfiguration.client(properties), properties.bucket(),
                FileKeys.fromBase64(properties.masterKeys(), null));
        store.createBucketIfMissing();
        raw = FilesAutoConfiguration.client(properties);
    }

    @AfterAll
    static void closeStore() {
        store.close();
        raw.close();
    }

    @Test
    void aFileKeptIsReadBackAsItWasWithWhatTheCallerRecords() {
        byte[] transcript = pdf("Transcript of Ada Lovelace, 2026");

        StoredFile stored = store.put("ma", "applications/a-1/transcript", transcript, "application/pdf");

        assertThat(stored).isEqualTo(new StoredFile("applications/a-1/transcript", transcript.length,
                "application/pdf", FileStore.sha256(transcript)));
        assertThat(stored.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(store.get("ma", stored)).isEqualTo(transcript);
    }

    @Test
    void theStoreHoldsOnlyCiphertextAndNamesTheAlgorithmAndKeyVersion() {
        byte[] log = pdf("Reflective supervision log: 12 hours with M. Klein");
        store.put("ma", "applications/a-2/supervision-log", log, "application/pdf");

        var object = raw.getObjectAsBytes(r -> r.bucket(properties.bucket())
                .key("ma/applications/a-2/supervision-log"));

        byte[] kept = object.asByteArray();
        assertThat(kept).isNotEqualTo(log);
        assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF").doesNotContain("Klein");
        assertThat(kept.length).isEqualTo(1 + 12 + log.length + 16);
        assertThat(object.response().metadata())
                .containsEntry("iecmh-algorithm", "AES-256-GCM/HKDF-SHA256")
                .containsEntry("iecmh-key-version", "1");
        // A fresh nonce each time: the same file kept twice is two different ciphertexts.
        store.put("ma", "applications/a-2/supervision-log-copy", log, "application/pdf");
        byte[] again = raw.getObjectAsBytes(r -> r.bucket(properties.bucket())
                .key("ma/applications/a-2/supervision-log-copy")).asByteArray();
        assertThat(again).isNotEqualTo(kept);
    }

    @Test
    void anotherAssociationCannotReadAFileNorOpenItWhenCopiedToItsPlace() {
        byte[] certificate = png();
        StoredFile stored = store.put("ma", "applications/a-3/certificate", certificate, "image/png");

        assertThatThrownBy(() -> store.get("wa", stored)).isInstanceOf(MissingFile.class)
                .hasMessageContaining("association wa");

        copy("ma/applications/a-3/certificate", "wa/applications/a-3/certificate");
        assertThatThrownBy(() -> store.get("wa", stored)).isInstanceOf(FileNotAuthentic.class)
                .hasMessageContaining("does not open under the association's key");
        assertThat(store.get("ma", stored)).isEqualTo(certificate);
    }

    @Test
    void anObjectCopiedToAnotherKeyOfTheSameAssociationDoesNotOpen() {
        byte[] transcript = pdf("Transcript A");
        StoredFile original = store.put("ma", "applications/a-4/transcript", transcript, "application/pdf");
        copy("ma/applications/a-4/transcript", "ma/applications/a-5/transcript");

        StoredFile claimed = new StoredFile("applications/a-5/transcript", original.size(), original.contentType(),
                original.sha256());
        assertThatThrownBy(() -> store.get("ma", claimed)).isInstanceOf(FileNotAuthentic.class);
    }

    @Test
    void anObjectAlteredOrReplacedThroughTheS3ApiIsRefused() {
        byte[] transcript = pdf("Transcript: 24 credits in infant mental health");
        StoredFile stored = store.put("ma", "applications/a-6/transcript", transcript, "application/pdf");
        String location = "ma/applications/a-6/transcript";
        var original = raw.getObjectAsBytes(r -> r.bucket(properties.bucket()).key(location));

        // One bit changed in the ciphertext, metadata kept.
        byte[] altered = original.asByteArray();
        altered[20] ^= 1;
        rawPut(location, altered, original.response().metadata());
        assertThatThrownBy(() -> store.get("ma", stored)).isInstanceOf(FileNotAuthentic.class);

        // Replaced by a plain file, as someone with the storage's credentials might.
        rawPut(location, transcript, original.response().metadata());
        assertThatThrownBy(() -> store.get("ma", stored)).isInstanceOf(FileNotAuthentic.class);
        rawPut(location, transcript, Map.of());
        assertThatThrownBy(() -> store.get("ma", stored)).isInstanceOf(FileNotAuthentic.class)
                .hasMessageContaining("is not sealed with");
    }

    @Test
    void aFileReplacedByAnotherSealedUnderTheSameKeyIsNotTheOneRecorded() {
        StoredFile first = store.put("ma", "applications/a-7/certificate", pdf("Certificate, 2024"), "application/pdf");
        // The same key written again (a second upload, or an older object restored over a newer one).
        store.put("ma", "applications/a-7/certificate", pdf("Certificate, 2019"), "application/pdf");

        assertThatThrownBy(() -> store.get("ma", first)).isInstanceOf(FileNotAuthentic.class)
                .hasMessageContaining("is not the file recorded");
    }

    @Test
    void aFileSealedUnderAnEarlierMasterKeyStillOpensAfterRotation() {
        String first = properties.masterKeys().get(1);
        String second = randomKey();
        StoredFile old = store.put("ma", "applications/a-8/transcript", pdf("Sealed under version 1"),
                "application/pdf");

        try (FileStore rotated = new FileStore(FilesAutoConfiguration.client(properties), properties.bucket(),
                FileKeys.fromBase64(Map.of(1, first, 2, second), null))) {
            assertThat(rotated.get("ma", old)).isEqualTo(pdf("Sealed under version 1"));

            StoredFile fresh = rotated.put("ma", "applications/a-8/certificate", png(), "image/png");
            assertThat(raw.headObject(r -> r.bucket(properties.bucket()).key("ma/applications/a-8/certificate"))
                    .metadata()).containsEntry("iecmh-key-version", "2");
            assertThat(rotated.get("ma", fresh)).isEqualTo(png());
            // A service still on version 1 alone cannot open what version 2 sealed.
            assertThatThrownBy(() -> store.get("ma", fresh)).isInstanceOf(FileNotAuthentic.class)
                    .hasMessageContaining("master key version 2");
        }
        // Each version's key is its own: version 1's bytes under another version number do not open.
        try (FileStore wrongKey = new FileStore(FilesAutoConfiguration.client(properties), properties.bucket(),
                FileKeys.fromBase64(Map.of(1, second), null))) {
            assertThatThrownBy(() -> wrongKey.get("ma", old)).isInstanceOf(FileNotAuthentic.class);
        }
    }

    @Test
    void sixtyFourFilesKeptAndReadAtOnceAllVerify() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String tenant = i % 2 == 0 ? "ma" : "wa";
                String key = "concurrent/file-" + i;
                byte[] bytes = new byte[1024 + i * 517];
                random.nextBytes(bytes);
                tasks.add(() -> {
                    StoredFile stored = store.put(tenant, key, bytes, "application/pdf");
                    return Arrays.equals(store.get(tenant, stored), bytes);
                });
            }
            List<Future<Boolean>> results = pool.invokeAll(tasks, 120, TimeUnit.SECONDS);
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keysThatCouldNameAnotherPlaceAreRefused() {
        for (String key : List.of("", "/a", "a//b", "a/../b", "../a", "a/.", "a b", "a/")) {
            assertThatThrownBy(() -> store.put("ma", key, pdf("x"), "application/pdf"))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.put("ma/other", "a", pdf("x"), "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("", "a", pdf("x"), "application/pdf"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static FilesProperties bind(Map<String, Object> source) {
        return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate("iecmh.files",
                FilesProperties.class);
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.7\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] png() {
        return new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    }

    private static void copy(String from, String to) {
        raw.copyObject(r -> r.sourceBucket(properties.bucket()).sourceKey(from)
                .destinationBucket(properties.bucket()).destinationKey(to));
    }

    private static void rawPut(String location, byte[] bytes, Map<String, String> metadata) {
        raw.putObject(r -> r.bucket(properties.bucket()).key(location).metadata(metadata),
                RequestBody.fromBytes(bytes));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
