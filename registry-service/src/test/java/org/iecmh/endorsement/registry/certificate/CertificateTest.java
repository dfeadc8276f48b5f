package org.iecmh.endorsement.registry.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.iecmh.endorsement.registry.search.RegistryEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTest {

    @ParameterizedTest
    @ValueSource(strings = {"Nguyễn Thị Ánh Tuyết", "Łucja Wróbel-Żółkiewska", "Ελένη Παπαδοπούλου", "王秀英",
            "Zoë Łukasz Nguyễn 王"})
    void aNameInAnyScriptPrintsAsWrittenAndReadsBackFromThePdf(String name) throws Exception {
        RegistryEntry entry = new RegistryEntry(name, "IFA", "MA", "MA-000001",
                LocalDate.of(2026, 11, 22), LocalDate.of(2027, 12, 31), List.of());

        byte[] pdf = Certificate.pdf(entry, "Asociación Ñandú de Salud Mental Infantil",
                "https://registry.example.org/x");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(name, "Asociación Ñandú de Salud Mental Infantil",
                    "Infant Family Associate (IFA)").doesNotContain("?");
            assertThat(document.getDocumentInformation().getSubject()).isEqualTo(name);
        }
    }
}
