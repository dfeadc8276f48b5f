package org.iecmh.endorsement.local;

import org.iecmh.endorsement.kit.files.FileKeys;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.files.FilesAutoConfiguration;
import org.iecmh.endorsement.kit.files.FilesProperties;
import org.iecmh.endorsement.kit.files.StoredFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local platform's S3 server: it checks signatures, and its files and master key outlive a restart. */
class LocalObjectStoreTest {

    private static final Path JAR = Path.of("target/s3-server/s3proxy.jar");

    @TempDir
    Path data;

    @Test
    void keepsSealedFilesAcrossRestartsUnderTheSameMasterKey() throws IOException {
        int port = freePort();
        byte[] transcript = "%PDF-1.7 a transcript of Zoë Ñúñez".getBytes(StandardCharsets.UTF_8);
        StoredFile stored;
        String masterKey;
        try (LocalObjectStore server = LocalObjectStore.start(JAR, data, port, data.resolve("s3.log"));
             FileStore store = fileStore(server.store(), server.store().secretKey())) {
            masterKey = server.store().masterKey();
            store.createBucketIfMissing();
            stored = store.put("ma", "applications/a-1/transcript", transcript, "application/pdf");
        }
        assertThat(Files.getPosixFilePermissions(data.resolve("master-key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // Nothing readable lies on disk: the object is sealed before it leaves the service.
        try (var files = Files.walk(data.resolve("objects"))) {
            assertThat(files.filter(Files::isRegularFile).map(LocalObjectStoreTest::read))
                    .isNotEmpty()
                    .noneMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains("transcript of"));
        }

        try (LocalObjectStore again = LocalObjectStore.start(JAR, data, port, data.resolve("s3.log"));
             FileStore store = fileStore(again.store(), again.store().secretKey())) {
            assertThat(again.store().masterKey()).isEqualTo(masterKey);
            assertThat(store.get("ma", stored)).isEqualTo(transcript);
            try (FileStore stranger = fileStore(again.store(), "not-the-secret")) {
                assertThatThrownBy(() -> stranger.get("ma", stored)).isInstanceOf(S3Exception.class)
                        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
            }
        }
    }

    private static FileStore fileStore(Platform.ObjectStore server, String secretKey) {
        FilesProperties properties = new FilesProperties("iecmh-application", URI.create(server.endpoint()),
                "us-east-1", server.accessKey(), secretKey, true, true, Map.of(1, server.masterKey()), 1,
                DataSize.ofMegabytes(20), Set.of());
        return new FileStore(FilesAutoConfiguration.client(properties), properties.bucket(),
                FileKeys.fromBase64(properties.masterKeys(), properties.masterKeyVersion()));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
