package org.iecmh.endorsement.kit.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where and how a service keeps files ({@code iecmh.files.*}); the store exists only where a bucket is named.
 *
 * @param bucket           the bucket files are kept in
 * @param endpoint         an S3-compatible server's address (MinIO, Ceph, a test server); none for AWS itself
 * @param region           the region requests are signed for
 * @param accessKey        the access key id; none to take the AWS SDK's default credentials (environment, role)
 * @param secretKey        the secret access key that goes with it
 * @param pathStyleAccess  the bucket in the path ({@code host/bucket/key}) rather than the host name, as most
 *                         S3-compatible servers want
 * @param createBucket     whether the store creates its bucket at start if it is missing
 * @param masterKeys       the master keys files are sealed under, by version (1 and up), each 32 bytes in base64; a
 *                         secret. Keep every version that sealed files still in the store
 * @param masterKeyVersion the version new files are sealed under; the highest when not given
 * @param maxSize          the largest file {@link FileRules} accepts
 * @param allowedTypes     the kinds of file {@link FileRules} accepts
 */
@ConfigurationProperties("iecmh.files")
public record FilesProperties(String bucket,
                              URI endpoint,
                              @DefaultValue("us-east-1") String region,
                              String accessKey,
                              String secretKey,
                              @DefaultValue("false") boolean pathStyleAccess,
                              @DefaultValue("true") boolean createBucket,
                              Map<Integer, String> masterKeys,
                              Integer masterKeyVersion,
                              @DefaultValue("20MB") DataSize maxSize,
                              Set<ContentType> allowedTypes) {

    public FilesProperties {
        masterKeys = masterKeys == null ? Map.of() : Map.copyOf(masterKeys);
        allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                ? EnumSet.complementOf(EnumSet.of(ContentType.UNKNOWN)) : Set.copyOf(allowedTypes);
    }

    /** Without the secrets, which a record would otherwise print wherever the properties are logged. */
    @Override
    public String toString() {
        return "FilesProperties[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region + ", accessKey="
                + accessKey + ", secretKey=" + (secretKey == null ? "none" : "(secret)") + ", pathStyleAccess="
                + pathStyleAccess + ", createBucket=" + createBucket + ", masterKeys=versions " + masterKeys.keySet()
                + ", masterKeyVersion=" + masterKeyVersion + ", maxSize=" + maxSize + ", allowedTypes=" + allowedTypes
                + "]";
    }
}
