package org.iecmh.endorsement.pdf;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.iecmh.endorsement.pdf.PdfText.Weight;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PdfTextTest {

    static final List<String> NAMES = List.of("Nguyễn Thị Ánh Tuyết", "Łucja Wróbel-Żółkiewska",
            "Ελένη Παπαδοπούλου", "王秀英", "Zoë O'Brien-Ibáñez");

    @Test
    void namesInVietnamesePolishGreekAndChineseReadBackAsWritten() throws IOException {
        byte[] pdf = write(NAMES);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(NAMES);
            assertThat(text).doesNotContain("?");
            List<PDFont> fonts = new ArrayList<>();
            for (var name : document.getPage(0).getResources().getFontNames()) {
                fonts.add(document.getPage(0).getResources().getFont(name));
            }
            assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
            assertThat(fonts).extracting(PDFont::getName)
                    .anySatisfy(name -> assertThat(name).endsWith("DejaVuSans"))
                    .anySatisfy(name -> assertThat(name).contains("DroidSansFallback"));
        }
    }

    @Test
    void aLatinNameNeedsNoChineseFontAndAMixedOneSwitchesFontsWithinTheLine() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PdfText text = PdfText.in(document);
            assertThat(text.runs(Weight.REGULAR, "Łucja Nguyễn Ελένη")).hasSize(1);
            assertThat(text.runs(Weight.REGULAR, "Anna 王秀英 Lee")).extracting(PdfText.Run::text)
                    .containsExactly("Anna ", "王秀英", " Lee");
            // Decomposed input (a letter and its combining accents) prints as the composed letter.
            assertThat(text.runs(Weight.REGULAR, "Nguye\u0302\u0303n").get(0).text()).isEqualTo("Nguyễn");
            assertThat(text.width(Weight.BOLD, 12, "王") ).isPositive();
        }
    }

    @Test
    void aCharacterNoFontHasPrintsAsAQuestionMarkRatherThanFailing() throws IOException {
        try (PDDocument document = new PDDocument()) {
            assertThat(PdfText.in(document).runs(Weight.REGULAR, "Ana \uD83E\uDEE0")).extracting(PdfText.Run::text)
                    .containsExactly("Ana ?");
        }
    }

    private static byte[] write(List<String> lines) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            PdfText text = PdfText.in(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = 700;
                for (String line : lines) {
                    text.show(content, y == 700 ? Weight.BOLD : Weight.REGULAR, 14, 72, y, line);
                    y -= 24;
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
