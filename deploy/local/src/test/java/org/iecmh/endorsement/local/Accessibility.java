package org.iecmh.endorsement.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (the WebJar {@code org.webjars.npm:axe-core}) run in the page the browser shows: a screen passes when
 * axe finds no serious or critical violation; the failure lists each one with the elements it concerns. WCAG 2.2's
 * target size, still experimental in this axe version, is checked too.
 */
final class Accessibility {

    private static final String AXE = axeSource();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } })
                .then(results => done(JSON.stringify({
                    rulesPassed: results.passes.length,
                    violations: results.violations
                        .filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary) })) })))
                .catch(error => done(JSON.stringify({ error: String(error) })));
            """;

    private Accessibility() {
    }

    /** Fails with the list of serious and critical violations axe finds on the screen the browser shows now. */
    static void assertNoSeriousViolations(WebDriver driver, String screen) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object'"))) {
            page.executeScript(AXE);
        }
        String answer = (String) page.executeAsyncScript(RUN);
        try {
            JsonNode result = new ObjectMapper().readTree(answer);
            assertThat(result.has("error")).as("axe on %s: %s", screen, answer).isFalse();
            // A page axe could not read passes no rule at all; that is no pass.
            assertThat(result.get("rulesPassed").asInt()).as("rules axe found met on %s", screen).isPositive();
            List<String> found = new ArrayList<>();
            result.get("violations").forEach(v -> found.add(v.get("impact").asText() + " " + v.get("id").asText() + " ("
                    + v.get("help").asText() + "): " + v.get("nodes")));
            assertThat(found).as("serious or critical accessibility violations on %s", screen).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String axeSource() {
        ClassLoader loader = Accessibility.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("axe-core is not on the test classpath (org.webjars.npm:axe-core)");
            }
            Properties properties = new Properties();
            properties.load(pom);
            String path = "META-INF/resources/webjars/axe-core/" + properties.getProperty("version") + "/axe.min.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                if (script == null) {
                    throw new IllegalStateException("No " + path + " in the axe-core WebJar");
                }
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
