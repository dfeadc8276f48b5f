package org.iecmh.endorsement.registry.badge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.JWKSet;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each association signs its badges with its own EC P-256 key, a private JWK kept as a secret in the setting its
 * record's badge issuer names ({@code signingKeyReference}; {@code iecmh.badges.issuers.<tenant>.signing-key} where
 * the record names none or the association is not known yet). Only settings under {@code iecmh.badges.issuers.} are
 * read, so that a record cannot point the registry at another secret. After a key is replaced, the old one's public JWK goes into
 * {@code iecmh.badges.issuers.<tenant>.retired-keys} (a JWK Set): it signs nothing more, but stays published so
 * that the badges it signed still verify. Where {@code iecmh.badges.generate-missing-keys} is true (local
 * runs and tests) a missing key is generated at first use; it lives as long as the process, so badges signed with it
 * stop verifying after a restart, which is why production configures every key.
 */
@Component
class BadgeKeys {

    private static final Logger log = LoggerFactory.getLogger(BadgeKeys.class);

    static final String ISSUERS = "iecmh.badges.issuers.";

    private final Environment environment;
    private final Associations associations;
    private final boolean generateMissing;
    private final Map<String, ECKey> keys = new ConcurrentHashMap<>();
    private final Map<String, List<ECKey>> retired = new ConcurrentHashMap<>();

    BadgeKeys(Environment environment, Associations associations,
              @Value("${iecmh.badges.generate-missing-keys:false}") boolean generateMissing) {
        this.environment = environment;
        this.associations = associations;
        this.generateMissing = generateMissing;
    }

    /** The association's signing key, or empty when it has none. */
    Optional<ECKey> signingKey(String tenantId) {
        ECKey known = keys.get(tenantId);
        if (known != null) {
            return Optional.of(known);
        }
        String setting = signingKeySetting(tenantId);
        String configured = environment.getProperty(setting);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(keys.computeIfAbsent(tenantId, tenant -> read(setting, configured)));
        }
        if (!generateMissing) {
            return Optional.empty();
        }
        return Optional.of(keys.computeIfAbsent(tenantId, BadgeKeys::generate));
    }

    /** The setting that holds the association's signing key. */
    String signingKeySetting(String tenantId) {
        String reference = associations.find(tenantId).map(Association::badgeIssuer)
                .map(Association.BadgeIssuer::signingKeyReference).orElse(null);
        if (reference == null || !reference.startsWith(ISSUERS)) {
            if (reference != null) {
                log.warn("The badge key reference of {} is not under {}; reading {}{}.signing-key", tenantId, ISSUERS,
                        ISSUERS, tenantId);
            }
            return ISSUERS + tenantId + ".signing-key";
        }
        return reference;
    }

    /** The association's public keys that sign no more but still verify what they signed. */
    List<ECKey> retiredKeys(String tenantId) {
        return retired.computeIfAbsent(tenantId, tenant -> {
            String configured = environment.getProperty("iecmh.badges.issuers." + tenant + ".retired-keys");
            if (configured == null || configured.isBlank()) {
                return List.of();
            }
            try {
                return JWKSet.parse(configured).getKeys().stream().map(key -> {
                    if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || ec.getKeyID() == null) {
                        throw new IllegalStateException("iecmh.badges.issuers." + tenant
                                + ".retired-keys must hold EC P-256 JWKs with a kid");
                    }
                    return ec.toPublicJWK();
                }).toList();
            } catch (ParseException e) {
                throw new IllegalStateException("iecmh.badges.issuers." + tenant + ".retired-keys is not a JWK Set", e);
            }
        });
    }

    /** Every key that verifies the association's badges: the signing key first, then the retired ones. */
    List<ECKey> verificationKeys(String tenantId) {
        List<ECKey> all = new java.util.ArrayList<>();
        signingKey(tenantId).map(ECKey::toPublicJWK).ifPresent(all::add);
        all.addAll(retiredKeys(tenantId));
        return all;
    }

    private static ECKey read(String setting, String jwk) {
        try {
            JWK key = JWK.parse(jwk);
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()
                    || ec.getKeyID() == null) {
                throw new IllegalStateException(setting + " must be a private EC P-256 JWK with a kid");
            }
            return ec;
        } catch (ParseException e) {
            throw new IllegalStateException(setting + " is not a JWK", e);
        }
    }

    private static ECKey generate(String tenantId) {
        try {
            log.warn("No badge signing key configured for {}; generated one that lasts until this process stops",
                    tenantId);
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a badge key for " + tenantId, e);
        }
    }
}
