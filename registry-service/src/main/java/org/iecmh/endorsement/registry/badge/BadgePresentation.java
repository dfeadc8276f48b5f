package org.iecmh.endorsement.registry.badge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A badge as someone presents it for verification: the compact VC-JWT. */
public record BadgePresentation(@NotBlank @Size(max = 20_000) String credential) {
}
