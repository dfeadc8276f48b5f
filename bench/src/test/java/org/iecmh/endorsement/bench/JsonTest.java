package org.iecmh.endorsement.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void readsTheMembersOfThePlatformsAnswers() {
        String rebuild = "{\"id\":\"r-1\",\"readModel\":\"application-view\",\"status\":\"DONE\",\"processed\":1234,"
                + "\"head\":1234,\"startedAt\":\"2026-12-01T10:00:00Z\",\"finishedAt\":null,\"error\":null}";

        assertThat(Json.text(rebuild, "status")).isEqualTo("DONE");
        assertThat(Json.number(rebuild, "processed")).isEqualTo(1234L);
        assertThat(Json.text(rebuild, "finishedAt")).isNull();
        assertThat(Json.count("[{\"endorsementNumber\":\"MA-1\"},{\"endorsementNumber\":\"MA-2\"}]",
                "endorsementNumber")).isEqualTo(2);
    }

    @Test
    void writesStringsThatStayOneJsonString() {
        assertThat(Json.quote("Zoë \"Z\" \\ x\n")).isEqualTo("\"Zoë \\\"Z\\\" \\\\ x\\n\"");
        assertThat(Json.text("{\"name\":" + Json.quote("a \"b\"") + "}", "name")).isEqualTo("a \"b\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }
}
