package org.iecmh.endorsement.kit.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

/** The EC P-256 key that signs export manifests (ES256 JWS); its public half is served as a JWK set. */
public class AuditSigningKey {

    private final ECKey key;

    private AuditSigningKey(ECKey key) {
        this.key = key;
    }

    /** The configured key (a private EC P-256 JWK in JSON), or a new one when none is configured. */
    public static AuditSigningKey of(String configuredJwk) {
        try {
            if (configuredJwk == null || configuredJwk.isBlank()) {
                return new AuditSigningKey(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                        .keyID("audit-" + UUID.randomUUID()).generate());
            }
            ECKey parsed = ECKey.parse(configuredJwk);
            if (!parsed.isPrivate() || !Curve.P_256.equals(parsed.getCurve())) {
                throw new IllegalArgumentException("iecmh.audit.signing-key must be a private EC P-256 JWK");
            }
            return new AuditSigningKey(parsed);
        } catch (JOSEException | ParseException e) {
            throw new IllegalArgumentException("iecmh.audit.signing-key is not a usable EC JWK", e);
        }
    }

    /** A compact ES256 JWS whose payload is {@code content}. */
    public String sign(byte[] content) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    new Payload(content));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign", e);
        }
    }

    /** The public key as a JWK set, for anyone who checks a bundle. */
    public Map<String, Object> publicKeys() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }
}
