package org.iecmh.endorsement.kit.files;

import org.iecmh.endorsement.kit.web.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a file must be before it is kept: judged by its bytes, with the field and the rule named when refused. */
class FileRulesTest {

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
            'R'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    private static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] WEBP = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TIFF_INTEL = {'I', 'I', 42, 0, 8, 0, 0, 0};
    private static final byte[] TIFF_MOTOROLA = {'M', 'M', 0, 42, 0, 0, 0, 8};
    private static final byte[] HEIC = "\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000mif1heic"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEIF = "\u0000\u0000\u0000\u0018ftypmif1\u0000\u0000\u0000\u0000mif1heic"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MP4 = "\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000isomiso2"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] AVIF = "\u0000\u0000\u0000\u001cftypmif1\u0000\u0000\u0000\u0000mif1avifmiaf"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TEXT = "Supervision log\nJanuary: 2 hours\n".getBytes(StandardCharsets.UTF_8);

    private final FileRules rules = new FileRules(1024, EnumSet.allOf(ContentType.class));

    @Test
    void eachKindIsToldByItsMagicNumberAndAnythingElseIsUnknown() {
        assertThat(ContentTypes.detect(PDF)).isEqualTo(ContentType.PDF);
        assertThat(ContentTypes.detect(PNG)).isEqualTo(ContentType.PNG);
        assertThat(ContentTypes.detect(JPEG)).isEqualTo(ContentType.JPEG);
        assertThat(ContentTypes.detect(GIF)).isEqualTo(ContentType.GIF);
        assertThat(ContentTypes.detect(WEBP)).isEqualTo(ContentType.WEBP);
        assertThat(ContentTypes.detect(TIFF_INTEL)).isEqualTo(ContentType.TIFF);
        assertThat(ContentTypes.detect(TIFF_MOTOROLA)).isEqualTo(ContentType.TIFF);
        assertThat(ContentTypes.detect(HEIC)).isEqualTo(ContentType.HEIC);
        assertThat(ContentTypes.detect(HEIF)).isEqualTo(ContentType.HEIC);

        assertThat(ContentTypes.detect(MP4)).as("an ISO media file that is a video").isEqualTo(ContentType.UNKNOWN);
        assertThat(ContentTypes.detect(AVIF)).as("AVIF, which shares HEIF's generic brand")
                .isEqualTo(ContentType.UNKNOWN);
        assertThat(ContentTypes.detect(TEXT)).isEqualTo(ContentType.UNKNOWN);
        assertThat(ContentTypes.detect("RIFF\u0000\u0000\u0000\u0000WAVE".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(ContentType.UNKNOWN);
        assertThat(ContentTypes.detect(new byte[]{'%', 'P', 'D'})).as("cut short").isEqualTo(ContentType.UNKNOWN);
        assertThat(ContentTypes.detect(new byte[0])).isEqualTo(ContentType.UNKNOWN);
    }

    @Test
    void aFileIsTakenForWhatItsBytesAreWhereNameAndDeclaredTypeAgree() {
        assertThat(rules.check("transcript", "Transcript 2026.PDF", "application/pdf", PDF)).isEqualTo(ContentType.PDF);
        assertThat(rules.check("certificate", "certificate.jpg", "image/jpeg", JPEG)).isEqualTo(ContentType.JPEG);
        assertThat(rules.check("certificate", "certificate.jpeg", "image/jpg", JPEG)).isEqualTo(ContentType.JPEG);
        assertThat(rules.check("log", "IMG_0042.HEIC", "image/heif", HEIC)).isEqualTo(ContentType.HEIC);
        assertThat(rules.check("log", "scan.tiff", "image/tiff; charset=binary", TIFF_INTEL))
                .isEqualTo(ContentType.TIFF);
        // A client that claims nothing has nothing held against it.
        assertThat(rules.check("log", "scan", "application/octet-stream", PNG)).isEqualTo(ContentType.PNG);
        assertThat(rules.check("log", null, null, WEBP)).isEqualTo(ContentType.WEBP);
    }

    @Test
    void aPdfNamedPngIsRefusedForItsName() {
        assertRefused(() -> rules.check("certificate", "certificate.png", "application/pdf", PDF),
                "certificate", "FileNameMismatch", "is named .png but is a PDF file");
    }

    @Test
    void aPngDeclaredAsPdfIsRefusedForItsDeclaredType() {
        assertRefused(() -> rules.check("transcript", "transcript.png", "application/pdf", PNG),
                "transcript", "FileTypeMismatch", "was sent as application/pdf but is a PNG file");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertRefused(() -> rules.check("transcript", "transcript.pdf", "application/pdf", new byte[0]),
                "transcript", "FileEmpty", "is empty");
        assertRefused(() -> rules.check("transcript", "transcript.pdf", "application/pdf", null),
                "transcript", "FileEmpty", "is empty");
    }

    @Test
    void aFileOverTheLimitIsRefusedAndOneAtTheLimitIsTaken() {
        byte[] atLimit = new byte[1024];
        System.arraycopy(PDF, 0, atLimit, 0, PDF.length);
        assertThat(rules.check("transcript", "t.pdf", "application/pdf", atLimit)).isEqualTo(ContentType.PDF);

        byte[] over = new byte[1025];
        System.arraycopy(PDF, 0, over, 0, PDF.length);
        assertRefused(() -> rules.check("transcript", "t.pdf", "application/pdf", over),
                "transcript", "FileTooLarge", "is 1025 bytes, more than the 1024 allowed");
    }

    @Test
    void anUploadIsRefusedBySizeBeforeItsBytesAreRead() {
        rules.checkSize("transcript", 1024);
        assertRefused(() -> rules.checkSize("transcript", 5L * 1024 * 1024 * 1024),
                "transcript", "FileTooLarge", "is 5368709120 bytes, more than the 1024 allowed");
        assertRefused(() -> rules.checkSize("transcript", 0), "transcript", "FileEmpty", "is empty");
    }

    @Test
    void aTextFileNamedPdfIsRefusedAsNotOfAnAllowedKind() {
        assertRefused(() -> rules.check("supervisionLog", "log.pdf", "application/pdf", TEXT),
                "supervisionLog", "FileTypeNotAllowed",
                "is not a file of a known kind; allowed are GIF, HEIC, JPEG, PDF, PNG, TIFF, WEBP");
    }

    @Test
    void aKnownKindThatIsNotAllowedHereIsRefused() {
        FileRules pdfOnly = new FileRules(1024, List.of(ContentType.PDF, ContentType.UNKNOWN));
        assertThat(pdfOnly.allowed()).containsExactly(ContentType.PDF);

        assertRefused(() -> pdfOnly.check("transcript", "transcript.gif", "image/gif", GIF),
                "transcript", "FileTypeNotAllowed", "is a GIF file; allowed are PDF");
    }

    private static void assertRefused(Runnable check, String field, String rule, String message) {
        InvalidRequest refused = catchThrowableOfType(InvalidRequest.class, check::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.rule()).isEqualTo(rule);
        assertThat(refused.getMessage()).isEqualTo(message);
    }
}
