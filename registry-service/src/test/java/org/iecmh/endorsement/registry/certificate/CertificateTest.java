package org.iecmh.endorsement.registry.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.iecmh.endorsement.registry.search.RegistryEntry;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTest {

    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    @Test
    void aNameBeyondTheStandardFontsPrintsWithoutItsAccentsRatherThanFailing() throws Exception {
        RegistryEntry entry = new RegistryEntry("Zoë Łukasz Nguyễn 王", "IFA", "MA", "MA-000001",
                LocalDate.of(2026, 11, 22), LocalDate.of(2027, 12, 31));

        byte[] pdf = Certificate.pdf(entry, "Massachusetts Association", "https://registry.example.org/x");

        assertThat(Certificate.printable(HELVETICA, "Zoë Łukasz Nguyễn 王")).isEqualTo("Zoë Lukasz Nguyen ?");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Zoë Lukasz Nguyen ?",
                    "Infant Family Associate (IFA)");
        }
    }
}
