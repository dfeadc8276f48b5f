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
import org.iecmh.endorsement.registry.badge.BadgeVerification.Verdict;
import org.iecmh.endorsement.registry.badge.StatusLists.Purpose;
import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.EndorsementStatus;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.registry.search.RegistryEntry;
import org.springframework.beans.factory.annotation.Value;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.kit.association.Associations;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues each active endorsement as an Open Badges 3.0 {@code OpenBadgeCredential} (1EdTech Open Badges
 * Specification v3.0, JSON-LD context 3.0.3, on the W3C Verifiable Credentials Data Model 2.0) secured as a VC-JWT
 * the way that specification's section 8.2 says: the credential's members at the top level of the JWT payload with
 * {@code iss}, {@code jti}, {@code nbf} and {@code exp} mirroring {@code issuer.id}, {@code id}, {@code validFrom}
 * and {@code validUntil}; ES256; the header's {@code kid} a URL that answers the public JWK, so that a verifier
 * finds the key from the credential alone. Its {@code credentialStatus} names the badge's place in the association's
 * W3C Bitstring Status Lists for revocation and suspension ({@link StatusLists}).
 * <p>
 * Badges issued earlier in the VC 1.1 form (the credential under a {@code vc} claim, a bare thumbprint as
 * {@code kid}, a per-badge 1EdTech revocation list) still verify here, and their revocation lists still answer.
 * <p>
 * Length: issuing, verifying and answering revocation for both credential forms read the same claims with the same
 * key; kept together, a change to the credential's shape is made and reviewed in one file.
 */
@Component
public class BadgeIssuer {

    static final String STATUS_TYPE = "BitstringStatusListEntry";
    static final String LEGACY_STATUS_TYPE = "1EdTechRevocationList";
    static final List<String> CONTEXT = List.of("https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    private static final List<String> STATUS_LIST_CONTEXT = List.of("https://www.w3.org/ns/credentials/v2");

    private final Registry registry;
    private final BadgeKeys keys;
    private final StatusLists statusLists;
    private final Associations associations;
    private final Clock clock;
    private final String baseUrl;
    /** The last signed list per association and purpose, reused while its bits are the same (stable ETag). */
    private final Map<String, SignedList> signedLists = new ConcurrentHashMap<>();

    BadgeIssuer(Registry registry, BadgeKeys keys, StatusLists statusLists, Associations associations, Clock clock,
                @Value("${iecmh.badges.base-url}") String baseUrl) {
        this.registry = registry;
        this.keys = keys;
        this.statusLists = statusLists;
        this.associations = associations;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * The badge of an active endorsement, signed now by the association it belongs to: valid from now until the end
     * of the day it is valid through, so a badge fetched after a renewal carries the new date.
     */
    public String issue(String endorsementNumber) {
        EndorsementRecord record = activeRecord(endorsementNumber);
        ECKey key = signingKey(record.tenantId());
        Instant validFrom = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = endOfDay(record);
        String credentialId = credentialId(record.tenantId(), endorsementNumber);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuerId(record.tenantId()))
                .jwtID(credentialId)
                .notBeforeTime(Date.from(validFrom))
                .expirationTime(Date.from(validUntil));
        credential(record, credentialId, validFrom, validUntil).forEach(claims::claim);
        return sign(key, claims.build());
    }

    /** An active endorsement's badge with what its picture shows. */
    Baked bake(String endorsementNumber) {
        EndorsementRecord record = activeRecord(endorsementNumber);
        return new Baked(new BadgeImage.Design(record.entry().category(), associationName(record.tenantId()),
                record.entry().endorsementNumber()), issue(endorsementNumber));
    }

    record Baked(BadgeImage.Design design, String credential) {
    }

    /** What an endorsee shares: pictures, the LinkedIn link with the certification's fields, the links. */
    public BadgeSharing sharing(String endorsementNumber) {
        EndorsementRecord record = activeRecord(endorsementNumber);
        RegistryEntry entry = record.entry();
        String achievementName = "IECMH Endorsement: " + title(entry.category()) + " (" + entry.category() + ")";
        String association = associationName(record.tenantId());
        String number = entry.endorsementNumber();
        String linkedIn = "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
                + "&name=" + query(achievementName)
                + "&organizationName=" + query(association)
                + "&issueYear=" + entry.endorsedSince().getYear()
                + "&issueMonth=" + entry.endorsedSince().getMonthValue()
                + "&expirationYear=" + entry.validThrough().getYear()
                + "&expirationMonth=" + entry.validThrough().getMonthValue()
                + "&certUrl=" + query(verificationLink(number))
                + "&certId=" + query(number);
        String images = baseUrl + "/api/registry/endorsements/" + number;
        return new BadgeSharing(number, entry.name(), entry.category(), achievementName, association,
                entry.endorsedSince(), entry.validThrough(), verificationLink(number),
                baseUrl + "/api/registry/badges/" + number, images + "/badge.png", images + "/badge.svg",
                issuerId(record.tenantId()) + "/achievements/" + entry.category() + "/image.png", linkedIn);
    }

    private static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The badge an active endorsement's credential id answers, only from the association that issues it now. */
    public String issueAs(String tenantId, String endorsementNumber) {
        EndorsementRecord record = activeRecord(endorsementNumber);
        if (!record.tenantId().equals(tenantId)) {
            throw new DomainRuleViolation("badge-issued-by-another-association", "Endorsement " + endorsementNumber
                    + " is now held with another association");
        }
        return issue(endorsementNumber);
    }

    /**
     * Checks a presented badge as any verifier would: the signature against the issuer's key (named by the header's
     * {@code kid}), then its status lists (revoked, then suspended), then its validity period.
     */
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
        String kid = jwt.getHeader().getKeyID();
        Optional<ECKey> key = kid == null ? Optional.empty() : tenant.flatMap(issuing -> keys
                .verificationKeys(issuing).stream()
                .filter(known -> kid.equals(known.getKeyID()) || kid.equals(keyId(issuing, known))).findFirst());
        if (key.isEmpty() || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
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
            return new BadgeVerification(false, true, Verdict.UNKNOWN, number, null, "no such endorsement");
        }
        EndorsementStatus standing = record.get().status();
        boolean legacy = claims.getClaim("vc") != null;
        Optional<Verdict> listed = legacy ? legacyStanding(record.get(), tenant.get())
                : listedStanding(claims, tenant.get());
        if (listed.isPresent()) {
            return new BadgeVerification(false, true, listed.get(), number, standing,
                    listed.get() == Verdict.REVOKED ? "revoked" : "suspended");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || now.isAfter(claims.getExpirationTime().toInstant())) {
            return new BadgeVerification(false, true, Verdict.EXPIRED, number, standing, "expired");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            return new BadgeVerification(false, true, Verdict.NOT_YET_VALID, number, standing, "not yet valid");
        }
        return new BadgeVerification(true, true, Verdict.VALID, number, standing, null);
    }

    /** What the badge's status list entries say now, read from the lists the issuer publishes. */
    private Optional<Verdict> listedStanding(JWTClaimsSet claims, String tenantId) {
        Object status = claims.getClaim("credentialStatus");
        List<?> entries = status instanceof List<?> list ? list : status == null ? List.of() : List.of(status);
        Verdict found = null;
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || !STATUS_TYPE.equals(map.get("type"))) {
                continue;
            }
            Optional<Purpose> purpose = Purpose.of(String.valueOf(map.get("statusPurpose")));
            if (purpose.isEmpty() || !statusListId(tenantId, purpose.get()).equals(map.get("statusListCredential"))) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(String.valueOf(map.get("statusListIndex")));
            } catch (NumberFormatException e) {
                continue;
            }
            if (statusLists.isSet(tenantId, purpose.get(), index)) {
                if (purpose.get() == Purpose.REVOCATION) {
                    return Optional.of(Verdict.REVOKED);
                }
                found = Verdict.SUSPENDED;
            }
        }
        return Optional.ofNullable(found);
    }

    /** A badge of the VC 1.1 form: its standing from the registry, as its per-badge revocation list says it. */
    private Optional<Verdict> legacyStanding(EndorsementRecord record, String issuingTenant) {
        if (record.status() == EndorsementStatus.LAPSED || record.status() == EndorsementStatus.INACTIVE) {
            return Optional.of(record.tenantId().equals(issuingTenant) ? Verdict.SUSPENDED : Verdict.REVOKED);
        }
        return legacyRevocationReason(record, issuingTenant).map(reason -> Verdict.REVOKED);
    }

    /**
     * One of the association's Bitstring Status Lists as a {@code BitstringStatusListCredential}, signed as a VC-JWT
     * like the badges. The same signed list is answered while its bits do not change.
     */
    public String statusList(String tenantId, String purposeWord) {
        Purpose purpose = Purpose.of(purposeWord).orElseThrow(() -> new UnknownResource("status list", purposeWord));
        ECKey key = keys.signingKey(tenantId).orElseThrow(() -> new UnknownResource("issuer", tenantId));
        String encoded = StatusLists.encode(statusLists.setIndexes(tenantId, purpose));
        String cacheKey = tenantId + "/" + purpose.word;
        SignedList cached = signedLists.get(cacheKey);
        if (cached != null && cached.encodedList.equals(encoded) && cached.keyId.equals(key.getKeyID())) {
            return cached.jwt;
        }
        Instant validFrom = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = statusListId(tenantId, purpose);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("id", id + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", purpose.word);
        subject.put("encodedList", encoded);
        subject.put("ttl", 60_000);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuerId(tenantId))
                .jwtID(id)
                .notBeforeTime(Date.from(validFrom))
                .claim("@context", STATUS_LIST_CONTEXT)
                .claim("id", id)
                .claim("type", List.of("VerifiableCredential", "BitstringStatusListCredential"))
                .claim("issuer", issuerId(tenantId))
                .claim("validFrom", validFrom.toString())
                .claim("credentialSubject", subject)
                .build();
        String jwt = sign(key, claims);
        signedLists.put(cacheKey, new SignedList(encoded, key.getKeyID(), jwt));
        return jwt;
    }

    /**
     * The 1EdTech revocation list of one badge issued in the VC 1.1 form: empty while the endorsement is active
     * with the issuing association, else naming the credential and why.
     */
    public Map<String, Object> revocationList(String tenantId, String endorsementNumber) {
        EndorsementRecord record = registry.find(endorsementNumber)
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        List<Map<String, String>> revoked = legacyRevocationReason(record, tenantId)
                .map(reason -> List.of(Map.of("id", credentialId(tenantId, endorsementNumber),
                        "revocationReason", reason)))
                .orElse(List.of());
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("id", issuerId(tenantId) + "/revocations/" + endorsementNumber);
        list.put("issuer", issuerId(tenantId));
        list.put("revokedCredentials", revoked);
        return list;
    }

    /** The association as an Open Badges issuer {@code Profile}. */
    public Map<String, Object> profile(String tenantId) {
        keys.signingKey(tenantId).orElseThrow(() -> new UnknownResource("issuer", tenantId));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("@context", CONTEXT);
        profile.putAll(issuer(tenantId));
        profile.put("url", baseUrl + "/");
        return profile;
    }

    /** The achievement a category's badges are for, as the badges' {@code achievement.id} answers it. */
    public Map<String, Object> achievementDocument(String tenantId, String category) {
        keys.signingKey(tenantId).orElseThrow(() -> new UnknownResource("issuer", tenantId));
        if (!Category.isKnown(category)) {
            throw new UnknownResource("achievement", category);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", CONTEXT);
        document.putAll(achievement(tenantId, category));
        return document;
    }

    /**
     * The association's public badge keys as a JWK Set, the signing key first and then the retired ones: each under
     * the URL that badges name it by now, and again under its bare key id, which badges of the earlier form name,
     * so that both find it by {@code kid}.
     */
    public Map<String, Object> publicKeys(String tenantId) {
        signingKey(tenantId);
        List<Map<String, Object>> published = new ArrayList<>();
        for (ECKey key : keys.verificationKeys(tenantId)) {
            published.add(publicKey(tenantId, key.getKeyID()));
            published.add(key.toJSONObject());
        }
        return Map.of("keys", published);
    }

    /** One public key, as the URL in a badge header's {@code kid} answers it (the URL is its {@code kid}). */
    public Map<String, Object> publicKey(String tenantId, String keyId) {
        ECKey key = keys.verificationKeys(tenantId).stream().filter(known -> known.getKeyID().equals(keyId))
                .findFirst().orElseThrow(() -> new UnknownResource("key", keyId));
        return new ECKey.Builder(key).keyID(keyId(tenantId, key)).build().toJSONObject();
    }

    private Optional<String> legacyRevocationReason(EndorsementRecord record, String issuingTenant) {
        if (record.status() != EndorsementStatus.ACTIVE) {
            return Optional.of("Endorsement " + record.status().name().toLowerCase(Locale.ROOT));
        }
        if (!record.tenantId().equals(issuingTenant)) {
            return Optional.of("Endorsement transferred to another association");
        }
        return Optional.empty();
    }

    private Map<String, Object> credential(EndorsementRecord record, String credentialId, Instant validFrom,
                                           Instant validUntil) {
        RegistryEntry entry = record.entry();
        String tenantId = record.tenantId();
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", List.of("AchievementSubject"));
        // Only registry fields: the endorsee is named as the registry shows them, with no contact details.
        subject.put("identifier", List.of(Map.of("type", "IdentityObject", "identityType", "name",
                "hashed", false, "identityHash", entry.name())));
        subject.put("achievement", achievement(tenantId, entry.category()));
        int index = statusLists.indexOf(tenantId, entry.endorsementNumber());
        List<Map<String, Object>> status = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            Map<String, Object> statusEntry = new LinkedHashMap<>();
            statusEntry.put("id", statusListId(tenantId, purpose) + "#" + index);
            statusEntry.put("type", STATUS_TYPE);
            statusEntry.put("statusPurpose", purpose.word);
            statusEntry.put("statusListIndex", Integer.toString(index));
            statusEntry.put("statusListCredential", statusListId(tenantId, purpose));
            status.add(statusEntry);
        }
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", CONTEXT);
        credential.put("id", credentialId);
        credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        credential.put("issuer", issuer(tenantId));
        credential.put("name", title(entry.category()) + " Endorsement " + entry.endorsementNumber());
        credential.put("validFrom", validFrom.toString());
        credential.put("validUntil", validUntil.toString());
        credential.put("awardedDate", entry.endorsedSince().atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        credential.put("credentialSubject", subject);
        credential.put("credentialStatus", status);
        return credential;
    }

    private Map<String, Object> issuer(String tenantId) {
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", issuerId(tenantId));
        issuer.put("type", List.of("Profile"));
        issuer.put("name", associationName(tenantId));
        return issuer;
    }

    private Map<String, Object> achievement(String tenantId, String category) {
        String title = title(category);
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", issuerId(tenantId) + "/achievements/" + category);
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", "Certification");
        achievement.put("name", "IECMH Endorsement: " + title + " (" + category + ")");
        achievement.put("description", "IECMH Endorsement in the category " + title + ", granted by "
                + associationName(tenantId) + ".");
        achievement.put("criteria", Map.of("narrative", "Meets the Competency Guidelines and the education, work, "
                + "training, reflective supervision, reference and exam requirements of the category."));
        achievement.put("image", Map.of("id", issuerId(tenantId) + "/achievements/" + category + "/image",
                "type", "Image", "caption", BadgeImage.altText(new BadgeImage.Design(category,
                        associationName(tenantId), null))));
        return achievement;
    }

    private static String title(String category) {
        return Category.isKnown(category) ? Category.fromAbbreviation(category).title() : category;
    }

    private EndorsementRecord activeRecord(String endorsementNumber) {
        EndorsementRecord record = registry.find(endorsementNumber)
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
        if (record.status() != EndorsementStatus.ACTIVE) {
            throw new DomainRuleViolation("badge-needs-active-endorsement",
                    "Endorsement " + endorsementNumber + " is " + record.status().name().toLowerCase(Locale.ROOT));
        }
        return record;
    }

    private ECKey signingKey(String tenantId) {
        return keys.signingKey(tenantId).orElseThrow(() -> new DomainRuleViolation("badge-issuer-without-key",
                "The association " + tenantId + " has no badge signing key"));
    }

    private String sign(ECKey key, JWTClaimsSet claims) {
        String tenantId = tenantOfIssuer(claims.getIssuer()).orElseThrow();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(keyId(tenantId, key)).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign " + claims.getJWTID(), e);
        }
        return jwt.serialize();
    }

    private static Instant endOfDay(EndorsementRecord record) {
        return record.entry().validThrough().atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    /** The URL a badge header's {@code kid} holds: it answers the public JWK. */
    String keyId(String tenantId, ECKey key) {
        return issuerId(tenantId) + "/keys/" + key.getKeyID();
    }

    String issuerId(String tenantId) {
        return baseUrl + "/api/registry/issuers/" + tenantId;
    }

    String credentialId(String tenantId, String endorsementNumber) {
        return issuerId(tenantId) + "/badges/" + endorsementNumber;
    }

    String statusListId(String tenantId, Purpose purpose) {
        return issuerId(tenantId) + "/status/" + purpose.word;
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

    /**
     * The association's name as its badges and certificates show it: its record's badge issuer name, read when asked,
     * so that a renamed or new association shows its name at once.
     */
    public String associationName(String tenantId) {
        return associations.find(tenantId).map(Association::badgeIssuer).map(Association.BadgeIssuer::name)
                .orElse("IECMH endorsing association " + tenantId.toUpperCase(Locale.ROOT));
    }

    private record SignedList(String encodedList, String keyId, String jwt) {
    }
}
