package org.iecmh.endorsement.registry.rebuild;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryRebuildTest {

    private static final String NAMES = "CREATE INDEX registry_entry_active_names_in_order ON public.registry_entry_rebuild"
            + " USING btree (name_folded, endorsement_number) WHERE ((status)::text = 'ACTIVE'::text)";
    private static final String BY_STATE = "CREATE INDEX registry_entry_active_by_state ON public.registry_entry_rebuild"
            + " USING btree (state, name_folded, endorsement_number) WHERE ((status)::text = 'ACTIVE'::text)";
    private static final String TRIGRAMS = "CREATE INDEX registry_entry_active_name_trigrams ON"
            + " public.registry_entry_rebuild USING gin (name_folded gin_trgm_ops) WITH (gin_pending_list_limit='256')"
            + " WHERE ((status)::text = 'ACTIVE'::text)";

    @Test
    void theTrigramIndexIsBuiltFirstAndTheOthersInTheirOrder() {
        assertThat(RegistryRebuild.longestFirst(List.of(NAMES, BY_STATE, TRIGRAMS)))
                .containsExactly(TRIGRAMS, NAMES, BY_STATE);
        assertThat(RegistryRebuild.longestFirst(List.of(BY_STATE, NAMES))).containsExactly(BY_STATE, NAMES);
    }
}
