package org.iecmh.endorsement.kit.web;

import org.iecmh.endorsement.kit.files.FileNotAuthentic;
import org.iecmh.endorsement.kit.files.FilesNotConfigured;
import org.iecmh.endorsement.kit.files.MissingFile;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/** The file store's failures are problems that name their rule, and never carry what the store answered. */
class FileProblemsTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void aFileThatIsNotTheOneRecordedIsABadGatewayNamingTheRuleAndNothingOfTheFile() {
        ProblemDetail problem = advice.fileNotAuthentic(new FileNotAuthentic(
                "File applications/a-1/x of association ma is not the file recorded: 12 bytes with SHA-256 abc"));

        assertThat(problem.getStatus()).isEqualTo(502);
        assertThat(problem.getType()).isEqualTo(ProblemDetailsAdvice.FILE_NOT_AUTHENTIC);
        assertThat(problem.getProperties()).containsEntry("rule", "file-not-authentic");
        assertThat(problem.getDetail()).doesNotContain("applications/a-1/x").doesNotContain("abc");
    }

    @Test
    void aMissingFileIsABadGatewayOfItsOwnRule() {
        ProblemDetail problem = advice.missingFile(new MissingFile("No file applications/a-1/x in association ma"));

        assertThat(problem.getStatus()).isEqualTo(502);
        assertThat(problem.getType()).isEqualTo(ProblemDetailsAdvice.FILE_MISSING);
        assertThat(problem.getProperties()).containsEntry("rule", "file-missing");
    }

    @Test
    void aServiceWithoutAFileStoreAnswersServiceUnavailable() {
        ProblemDetail problem = advice.filesNotConfigured(new FilesNotConfigured());

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType()).isEqualTo(ProblemDetailsAdvice.FILES_NOT_CONFIGURED);
        assertThat(problem.getProperties()).containsEntry("rule", "files-not-configured");
        assertThat(problem.getDetail()).contains("not configured");
    }
}
