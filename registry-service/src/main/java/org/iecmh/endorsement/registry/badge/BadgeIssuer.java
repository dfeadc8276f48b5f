package org.iecmh.endorsement.registry.badge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.EndorsementStatus;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.registry.search.RegistryEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issues each active endorsement as an Open Badges 3.0 {@code OpenBadgeCredential}: a W3C Verifiable Credential
 * signed by the endorsing association as a VC-JWT (ES256), which any JOSE library verifies against the association's
 * published keys. Its {@code credentialStatus} (1EdTech Revocation List) names it once the endorsement lapses, is
 * revoked, inactivated or moves to another association, so a verifier sees that too.
 */
@Component
public class BadgeIssuer {

    static final String STATUS_TYPE = "1EdTechRevocationList";
    private static final List<String> CONTEXT = List.of("https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json");

    private final Registry registry;
    private final BadgeKeys keys;
    private final Environment environment;
    private final Clock clock;
    private final String baseUrl;

    BadgeIssuer(Registry registry, BadgeKeys keys, Environment environment, Clock clock,
                @Value("${iecmh.badges.base-url}") String baseUrl) {
        this.registry = registry;
        this.keys = keys;
        this.environment = environment;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The badge of an active endorsement, signed now by the association it belongs to. */
    public String issue(String endorsementNumber) {
        EndorsementRecord record = registry.find(endorsementNumber)
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        if (record.status() != EndorsementStatus.ACTIVE) {
            throw new DomainRuleViolation("badge-needs-active-endorsement",
                    "Endorsement " + endorsementNumber + " is " + record.status().name().toLowerCase(Locale.ROOT));
        }
        ECKey key = keys.signingKey(record.tenantId())
                .orElseThrow(() -> new DomainRuleViolation("badge-issuer-without-key",
                        "The association " + record.tenantId() + " has no badge signing key"));
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = record.entry().validThrough().atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
        String credentialId = credentialId(record.tenantId(), endorsementNumber);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuerId(record.tenantId()))
                .jwtID(credentialId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expires))
                .claim("vc", credential(record, credentialId, issuedAt, expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the badge of " + endorsementNumber, e);
        }
        return jwt.serialize();
    }

    /** Checks a presented badge: signature, time, and the endorsement's standing with its issuer now. */
    public BadgeVerification verify(String credential) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(credential.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return BadgeVerification.invalid("not a VC-JWT");
        }
        Optional<String> tenant = tenantOfIssuer(claims.getIssuer());
        Optional<ECKey> key = tenant.flatMap(keys::signingKey);
        if (key.isEmpty() || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                || !key.get().getKeyID().equals(jwt.getHeader().getKeyID())) {
            return BadgeVerification.invalid("not signed by a known association key");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(key.get().toECPublicKey()))) {
                return BadgeVerification.invalid("the signature does not match the credential");
            }
        } catch (JOSEException e) {
            return BadgeVerification.invalid("the signature cannot be checked");
        }
        String prefix = issuerId(tenant.get()) + "/badges/";
        String number = claims.getJWTID() == null || !claims.getJWTID().startsWith(prefix) ? null
                : claims.getJWTID().substring(prefix.length());
        Optional<EndorsementRecord> record = Optional.ofNullable(number).flatMap(registry::find);
        if (record.isEmpty()) {
            return new BadgeVerification(false, true, number, null, "no such endorsement");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || now.isAfter(claims.getExpirationTime().toInstant())) {
            return new BadgeVerification(false, true, number, record.get().status(), "expired");
        }
        Optional<String> revocation = revocationReason(record.get(), tenant.get());
        return new BadgeVerification(revocation.isEmpty(), true, number, record.get().status(),
                revocation.orElse(null));
    }

    /**
     * The 1EdTech revocation list of one badge: empty while the endorsement is active with the issuing association,
     * else naming the credential and why. One list per badge, so that no list names everyone who lapsed.
     */
    public Map<String, Object> revocationList(String tenantId, String endorsementNumber) {
        EndorsementRecord record = registry.find(endorsementNumber)
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        List<Map<String, String>> revoked = revocationReason(record, tenantId)
                .map(reason -> List.of(Map.of("id", credentialId(tenantId, endorsementNumber),
                        "revocationReason", reason)))
                .orElse(List.of());
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("id", statusId(tenantId, endorsementNumber));
        list.put("issuer", issuerId(tenantId));
        list.put("revokedCredentials", revoked);
        return list;
    }

    /** The association as an Open Badges issuer profile. */
    public Map<String, Object> profile(String tenantId) {
        keys.signingKey(tenantId).orElseThrow(() -> new UnknownResource("issuer", tenantId));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("@context", CONTEXT);
        profile.put("id", issuerId(tenantId));
        profile.put("type", List.of("Profile"));
        profile.put("name", associationName(tenantId));
        return profile;
    }

    /** The association's public badge keys as a JWK Set. */
    public Map<String, Object> publicKeys(String tenantId) {
        ECKey key = keys.signingKey(tenantId).orElseThrow(() -> new UnknownResource("issuer", tenantId));
        return Map.of("keys", List.of(key.toPublicJWK().toJSONObject()));
    }

    private Optional<String> revocationReason(EndorsementRecord record, String issuingTenant) {
        if (record.status() != EndorsementStatus.ACTIVE) {
            return Optional.of("Endorsement " + record.status().name().toLowerCase(Locale.ROOT));
        }
        if (!record.tenantId().equals(issuingTenant)) {
            return Optional.of("Endorsement transferred to another association");
        }
        return Optional.empty();
    }

    private Map<String, Object> credential(EndorsementRecord record, String credentialId, Instant issuedAt,
                                           Instant expires) {
        RegistryEntry entry = record.entry();
        String title = Category.isKnown(entry.category())
                ? Category.fromAbbreviation(entry.category()).title() : entry.category();
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", issuerId(record.tenantId()) + "/achievements/" + entry.category());
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certification");
        achievement.put("name", "IECMH Endorsement: " + title + " (" + entry.category() + ")");
        achievement.put("description", "IECMH Endorsement in the category " + title + ", granted by "
                + associationName(record.tenantId()) + ".");
        achievement.put("criteria", Map.of("narrative", "Meets the Competency Guidelines and the education, work, "
                + "training, reflective supervision, reference and exam requirements of the category."));
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", List.of("AchievementSubject"));
        // Only registry fields: the endorsee is named as the registry shows them, with no contact details.
        subject.put("identifier", List.of(Map.of("type", "IdentityObject", "identityType", "name",
                "hashed", false, "identityHash", entry.name())));
        subject.put("achievement", achievement);
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", CONTEXT);
        credential.put("id", credentialId);
        credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        credential.put("issuer", Map.of("id", issuerId(record.tenantId()), "type", List.of("Profile"),
                "name", associationName(record.tenantId())));
        credential.put("name", title + " Endorsement " + entry.endorsementNumber());
        credential.put("issuanceDate", issuedAt.toString());
        credential.put("expirationDate", expires.toString());
        credential.put("credentialSubject", subject);
        credential.put("credentialStatus", Map.of("id", statusId(record.tenantId(), entry.endorsementNumber()),
                "type", STATUS_TYPE));
        return credential;
    }

    String issuerId(String tenantId) {
        return baseUrl + "/api/registry/issuers/" + tenantId;
    }

    private String credentialId(String tenantId, String endorsementNumber) {
        return issuerId(tenantId) + "/badges/" + endorsementNumber;
    }

    private String statusId(String tenantId, String endorsementNumber) {
        return issuerId(tenantId) + "/revocations/" + endorsementNumber;
    }

    private Optional<String> tenantOfIssuer(String issuer) {
        String prefix = baseUrl + "/api/registry/issuers/";
        if (issuer == null || !issuer.startsWith(prefix)) {
            return Optional.empty();
        }
        String tenant = issuer.substring(prefix.length());
        return tenant.matches("[a-z][a-z0-9-]{1,15}") ? Optional.of(tenant) : Optional.empty();
    }

    /**
     * The public link that verifies an endorsement number, as a certificate or QR code shows it: the web
     * application's verification page, which the gateway serves at the same origin as the API.
     */
    public String verificationLink(String endorsementNumber) {
        return baseUrl + "/verify.html?number=" + endorsementNumber;
    }

    /** The association's name as its badges and certificates show it. */
    public String associationName(String tenantId) {
        return environment.getProperty("iecmh.badges.issuers." + tenantId + ".name",
                "IECMH endorsing association " + tenantId.toUpperCase(Locale.ROOT));
    }
}
