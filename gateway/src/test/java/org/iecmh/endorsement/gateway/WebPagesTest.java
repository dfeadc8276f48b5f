package org.iecmh.endorsement.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application keeps to what its Content-Security-Policy allows and to the rule that what the API answers is
 * data: no page carries an inline script or style, and no script writes markup from text.
 */
class WebPagesTest {

    private static final Path STATIC = Path.of("src/main/resources/static");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
    private static final Pattern INLINE_STYLE = Pattern.compile("<style\\b|\\sstyle=\"");
    private static final Pattern MARKUP_FROM_TEXT = Pattern.compile(
            "\\.(innerHTML|outerHTML)\\b|insertAdjacentHTML|document\\.write|createContextualFragment");

    @Test
    void noPageCarriesAnInlineScriptOrStyle() throws IOException {
        assertThat(offending(".html", INLINE_SCRIPT)).as("inline scripts").isEmpty();
        assertThat(offending(".html", INLINE_STYLE)).as("inline styles").isEmpty();
    }

    @Test
    void noScriptWritesMarkupFromText() throws IOException {
        assertThat(offending(".js", MARKUP_FROM_TEXT)).isEmpty();
    }

    private static List<String> offending(String suffix, Pattern pattern) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path file : files.filter(path -> path.toString().endsWith(suffix)).toList()) {
                String text = Files.readString(file);
                if (pattern.matcher(text).find()) {
                    found.add(STATIC.relativize(file).toString());
                }
            }
        }
        return found;
    }
}
