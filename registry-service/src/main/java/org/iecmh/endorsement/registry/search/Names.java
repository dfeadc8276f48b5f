package org.iecmh.endorsement.registry.search;

import java.text.Normalizer;
import java.util.Locale;

/** Names as people type them: without accents, case or extra spaces, so that "zoe" finds "Zoë". */
final class Names {

    private Names() {
    }

    static String fold(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
