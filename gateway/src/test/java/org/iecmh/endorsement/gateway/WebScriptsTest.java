package org.iecmh.endorsement.gateway;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's scripts, checked as the front-end field checks them: ESLint over every module of
 * {@code static/js}, TypeScript's type check of every module ({@code checkJs}, {@code src/test/web/tsconfig.json}),
 * and unit tests of the shared helpers on Node ({@code node --test}), with the packages
 * {@code src/test/web/package-lock.json} pins ({@code npm ci}). Needs {@code node} and {@code npm} on the PATH
 * ({@code ./verify} installs them).
 */
class WebScriptsTest {

    private static final Path CHECKS = Path.of("src/test/web");
    private static final Path SCRIPTS = Path.of("src/main/resources/static/js");
    private static final Path WORK = Path.of("target/web-scripts");

    @BeforeAll
    static void installTheCheckers() throws Exception {
        Files.createDirectories(WORK.resolve("js"));
        try (Stream<Path> checks = Files.list(CHECKS)) {
            for (Path file : checks.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> old = Files.list(WORK.resolve("js")); Stream<Path> scripts = Files.list(SCRIPTS)) {
            old.forEach(WebScriptsTest::delete);
            for (Path script : scripts.toList()) {
                Files.copy(script, WORK.resolve("js").resolve(script.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Duration.ofMinutes(5));
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    @Test
    void everyScriptPassesTheLinter() throws Exception {
        Run lint = run(List.of("npm", "run", "--silent", "lint"), Duration.ofMinutes(2));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void everyScriptPassesTheTypeCheck() throws Exception {
        Run types = run(List.of("npm", "run", "--silent", "types"), Duration.ofMinutes(2));

        assertThat(types.exitCode()).as(types.output()).isZero();
    }

    @Test
    void theTypeCheckReadsEveryScript() throws Exception {
        Run files = run(List.of("npx", "--no-install", "tsc", "-p", "tsconfig.json", "--listFilesOnly"),
                Duration.ofMinutes(2));

        assertThat(files.exitCode()).as(files.output()).isZero();
        try (Stream<Path> scripts = Files.list(SCRIPTS)) {
            List<String> checked = files.output().lines().map(line -> line.replace('\\', '/')).toList();
            assertThat(scripts.map(script -> "/js/" + script.getFileName()).toList())
                    .isNotEmpty()
                    .allSatisfy(script -> assertThat(checked).anyMatch(line -> line.endsWith(script)));
        }
    }

    @Test
    void theSharedHelpersPassTheirUnitTests() throws Exception {
        Run tests = run(List.of("npm", "test", "--silent"), Duration.ofMinutes(2));

        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("# fail 0").doesNotContain("# pass 0");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile(WORK.toAbsolutePath(), "run", ".txt");
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " took longer than " + limit + ":\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
