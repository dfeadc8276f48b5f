package org.iecmh.endorsement.registry.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    @Test
    void namesFoldAccentsCaseAndSpaces() {
        assertThat(Names.fold("  Zoë   ÁLVAREZ-Núñez ")).isEqualTo("zoe alvarez-nunez");
        assertThat(Names.fold("Zoe")).isEqualTo(Names.fold("ZOË"));
    }
}
