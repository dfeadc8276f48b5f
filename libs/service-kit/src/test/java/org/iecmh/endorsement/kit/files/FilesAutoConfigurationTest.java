package org.iecmh.endorsement.kit.files;

import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that names a bucket gets a file store on it, its bucket created at start; one that names none, none. */
class FilesAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FilesAutoConfiguration.class));

    @Test
    void aServiceThatNamesABucketGetsAStoreOnItWithItsBucketCreated() {
        Map<String, Object> files = RealInfrastructureProperties.forFiles("autoconfiguration");
        context.withPropertyValues(properties(files)).withPropertyValues("iecmh.files.max-size=2KB",
                        "iecmh.files.allowed-types=PDF,JPEG")
                .run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(FileStore.class).hasSingleBean(FileRules.class);
                    FileStore store = started.getBean(FileStore.class);
                    assertThat(store.bucket()).isEqualTo(files.get(RealInfrastructureProperties.FILES_BUCKET));
                    StoredFile stored = store.put("ma", "a/transcript", FileStoreTest.pdf("x"), "application/pdf");
                    assertThat(store.get("ma", stored)).isEqualTo(FileStoreTest.pdf("x"));

                    FileRules rules = started.getBean(FileRules.class);
                    assertThat(rules.maxBytes()).isEqualTo(2048);
                    assertThat(rules.allowed()).containsExactlyInAnyOrder(ContentType.PDF, ContentType.JPEG);
                });
    }

    @Test
    void withoutABucketThereIsNoStore() {
        context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(FileStore.class)
                .doesNotHaveBean(FileRules.class));
    }

    @Test
    void aStoreWithoutAUsableMasterKeyDoesNotStart() {
        Map<String, Object> files = RealInfrastructureProperties.forFiles("no key");
        context.withPropertyValues(properties(files)).withPropertyValues("iecmh.files.master-keys.1=c2hvcnQ=")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("must be 32 bytes"));
        context.withPropertyValues(RealInfrastructureProperties.FILES_BUCKET + "=files-without-keys")
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("iecmh.files.master-keys: At least one master key is needed"));
    }

    @Test
    void withDefaultsEveryKnownKindUpToTwentyMegabytesIsAllowed() {
        FilesProperties defaults = FileStoreTest.bind(Map.of("iecmh.files.bucket", "b"));
        assertThat(defaults.maxSize().toMegabytes()).isEqualTo(20);
        assertThat(defaults.allowedTypes()).doesNotContain(ContentType.UNKNOWN)
                .hasSize(ContentType.values().length - 1);
        assertThat(defaults.createBucket()).isTrue();
        assertThat(defaults.pathStyleAccess()).isFalse();
    }

    @Test
    void theSecretsAreNotPrintedWithTheProperties() {
        Map<String, Object> files = RealInfrastructureProperties.forFiles("printed");
        FilesProperties properties = FileStoreTest.bind(files);

        assertThat(properties.toString()).contains(properties.bucket(), properties.accessKey(), "versions [1]")
                .doesNotContain(properties.secretKey(), properties.masterKeys().get(1));
    }

    private static String[] properties(Map<String, Object> values) {
        return values.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
    }
}
