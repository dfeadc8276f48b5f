package org.iecmh.endorsement.kit.files;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;

/**
 * The file store and the rules a file must keep, in a service that names a bucket ({@code iecmh.files.bucket}); see
 * {@link FilesProperties}. The S3 client is the store's own, not a bean, so a service's other S3 use is not touched.
 */
@AutoConfiguration
@ConditionalOnProperty("iecmh.files.bucket")
@EnableConfigurationProperties(FilesProperties.class)
public class FilesAutoConfiguration {

    @Bean(destroyMethod = "close")
    public FileStore fileStore(FilesProperties properties) {
        FileKeys keys;
        try {
            keys = FileKeys.fromBase64(properties.masterKeys(), properties.masterKeyVersion());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("iecmh.files.master-keys: " + e.getMessage(), e);
        }
        FileStore store = new FileStore(client(properties), properties.bucket(), keys);
        if (properties.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    @Bean
    public FileRules fileRules(FilesProperties properties) {
        return new FileRules(properties.maxSize().toBytes(), properties.allowedTypes());
    }

    /**
     * The sync client on the JDK's HTTP connection. Checksums only where S3 requires them: the store's own SHA-256
     * and GCM tag check every byte end to end, and S3-compatible servers differ in the trailing checksums the SDK
     * would otherwise send.
     */
    public static S3Client client(FilesProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        if (properties.accessKey() != null && !properties.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(properties.accessKey(), properties.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }
}
