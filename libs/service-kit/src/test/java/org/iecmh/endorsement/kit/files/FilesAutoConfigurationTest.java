package org.iecmh.endorsement.kit.files;

import org.iecmh.endorsement.testkit.RealInfrastructureProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    /** The names the Kubernetes manifests give the settings as environment variables (deploy/k8s). */
    @Test
    void environmentVariablesAsTheManifestsNameThemBindEveryVersionOfTheMasterKey() {
        Map<String, Object> environment = Map.of(
                "IECMH_FILES_BUCKET", "iecmh-application",
                "IECMH_FILES_ENDPOINT", "https://s3.example.org",
                "IECMH_FILES_PATH_STYLE_ACCESS", "true",
                "IECMH_FILES_CREATE_BUCKET", "false",
                "IECMH_FILES_ACCESSKEY", "access",
                "IECMH_FILES_SECRETKEY", "secret",
                "IECMH_FILES_MASTERKEYS_1", "one",
                "IECMH_FILES_MASTERKEYS_2", "two",
                "IECMH_FILES_MASTERKEYVERSION", "2");
        // Named as the process environment is, for which Spring maps IECMH_FILES_ACCESSKEY to access-key.
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        FilesProperties bound = new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("iecmh.files",
                FilesProperties.class);

        assertThat(bound.bucket()).isEqualTo("iecmh-application");
        assertThat(bound.endpoint()).hasToString("https://s3.example.org");
        assertThat(bound.pathStyleAccess()).isTrue();
        assertThat(bound.createBucket()).isFalse();
        assertThat(bound.accessKey()).isEqualTo("access");
        assertThat(bound.secretKey()).isEqualTo("secret");
        assertThat(bound.masterKeys()).containsExactlyInAnyOrderEntriesOf(Map.of(1, "one", 2, "two"));
        assertThat(bound.masterKeyVersion()).isEqualTo(2);
    }

    private static String[] properties(Map<String, Object> values) {
        return values.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
    }
}
