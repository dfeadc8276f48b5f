package org.iecmh.endorsement.registry.badge;

import java.time.LocalDate;

/**
 * What an endorsee needs to show their endorsement elsewhere: the badge's pictures (PNG and SVG, the signed badge
 * baked in), the link that adds it to a LinkedIn profile as a certification with its fields filled, and the parts
 * of an email signature (the page writes it in the reader's language; its picture, {@code signatureImage}, is the
 * category's, the same for every endorsee, so that opening an email tells the registry nothing). Every URL is
 * absolute and public.
 */
public record BadgeSharing(String endorsementNumber, String name, String category, String achievementName,
                           String issuerName, LocalDate endorsedSince, LocalDate validThrough,
                           String verificationUrl, String badgeUrl, String imagePng, String imageSvg,
                           String signatureImage, String linkedInUrl) {
}
