package org.iecmh.endorsement.registry.certificate;

import jakarta.validation.constraints.Pattern;
import org.iecmh.endorsement.kit.web.UnknownResource;
import org.iecmh.endorsement.registry.badge.BadgeIssuer;
import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.Registry;
import org.iecmh.endorsement.registry.search.RegistryResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/** What an endorsee shares on paper or a screen: the PDF certificate and the QR code of the verification link. */
@RestController
class CertificateResource {

    private static final String NUMBER = "[A-Za-z0-9-]{1,32}";

    private final Registry registry;
    private final BadgeIssuer badges;

    CertificateResource(Registry registry, BadgeIssuer badges) {
        this.registry = registry;
        this.badges = badges;
    }

    /** Any known number has a QR code: scanning it shows the endorsement's standing, whatever it is. */
    @GetMapping("/api/registry/endorsements/{endorsementNumber}/qr")
    ResponseEntity<byte[]> qrCode(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        EndorsementRecord record = find(endorsementNumber);
        return ResponseEntity.ok().cacheControl(RegistryResource.PUBLIC_CACHE).contentType(MediaType.IMAGE_PNG)
                .body(QrCode.png(badges.verificationLink(record.entry().endorsementNumber())));
    }

    /** Only an active endorsement has a certificate to print. */
    @GetMapping("/api/registry/endorsements/{endorsementNumber}/certificate")
    ResponseEntity<byte[]> certificate(@PathVariable @Pattern(regexp = NUMBER) String endorsementNumber) {
        EndorsementRecord record = Certificate.printable(find(endorsementNumber));
        String number = record.entry().endorsementNumber();
        byte[] pdf = Certificate.pdf(record.entry(), badges.associationName(record.tenantId()),
                badges.verificationLink(number));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", ContentDisposition.inline()
                        .filename("endorsement-" + number + ".pdf").build().toString())
                .body(pdf);
    }

    private EndorsementRecord find(String endorsementNumber) {
        return registry.find(endorsementNumber.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new UnknownResource("endorsement", endorsementNumber));
    }
}
