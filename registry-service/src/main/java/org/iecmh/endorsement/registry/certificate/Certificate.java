package org.iecmh.endorsement.registry.certificate;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.registry.search.RegistryEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The endorsement certificate as a one-page PDF: who, which category, the number and dates, the issuing association,
 * and a QR code of the link that verifies it, since paper can be forged and the registry cannot.
 */
final class Certificate {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
    private static final PDType1Font TITLE = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font TEXT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    /** Letters with a stroke have no decomposed form to drop an accent from. */
    private static final Map<String, String> STROKED = Map.of("Ł", "L", "ł", "l", "Đ", "D", "đ", "d", "Ħ", "H",
            "ħ", "h");

    private Certificate() {
    }

    static byte[] pdf(RegistryEntry entry, String association, String verificationLink) {
        String title = Category.isKnown(entry.category())
                ? Category.fromAbbreviation(entry.category()).title() : entry.category();
        PDRectangle landscape = new PDRectangle(PDRectangle.LETTER.getHeight(), PDRectangle.LETTER.getWidth());
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(landscape);
            document.addPage(page);
            PDDocumentInformation information = document.getDocumentInformation();
            information.setTitle("IECMH Endorsement " + entry.endorsementNumber());
            information.setAuthor(printable(TEXT, association));
            PDImageXObject qr = LosslessFactory.createFromImage(document, QrCode.image(verificationLink));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float width = landscape.getWidth();
                centered(content, TITLE, 30, width, 500, "Certificate of Endorsement");
                centered(content, TEXT, 14, width, 465, association);
                centered(content, TEXT, 14, width, 420, "certifies that");
                centered(content, TITLE, 28, width, 380, entry.name());
                centered(content, TEXT, 14, width, 340, "is endorsed for culturally sensitive, relationship-focused "
                        + "practice promoting infant and early childhood mental health as");
                centered(content, TITLE, 18, width, 310, title + " (" + entry.category() + ")");
                line(content, TEXT, 12, 72, 230, "Endorsement number: " + entry.endorsementNumber());
                line(content, TEXT, 12, 72, 210, "Endorsed since: " + DATE.format(entry.endorsedSince()));
                line(content, TEXT, 12, 72, 190, "Valid through: " + DATE.format(entry.validThrough()));
                line(content, TEXT, 10, 72, 120, "Verify this endorsement at");
                line(content, TEXT, 10, 72, 105, verificationLink);
                content.drawImage(qr, width - 72 - 150, 60, 150, 150);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the certificate of " + entry.endorsementNumber(), e);
        }
    }

    private static void centered(PDPageContentStream content, PDType1Font font, float size, float pageWidth, float y,
                                 String text) throws IOException {
        String printable = printable(font, text);
        float textWidth = font.getStringWidth(printable) / 1000 * size;
        line(content, font, size, (pageWidth - textWidth) / 2, y, printable);
    }

    private static void line(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(font, text));
        content.endText();
    }

    /**
     * The standard PDF fonts cover Western European letters ("Zoë" prints as is); a letter beyond them prints without
     * its accent, or as "?" when it has no Latin form.
     */
    static String printable(PDType1Font font, String text) {
        StringBuilder printable = new StringBuilder();
        text.codePoints().forEach(codePoint -> {
            String letter = new String(Character.toChars(codePoint));
            if (encodable(font, letter)) {
                printable.append(letter);
                return;
            }
            String bare = STROKED.getOrDefault(letter,
                    Normalizer.normalize(letter, Normalizer.Form.NFD).replaceAll("\\p{M}+", ""));
            printable.append(!bare.isEmpty() && encodable(font, bare) ? bare : "?");
        });
        return printable.toString();
    }

    private static boolean encodable(PDType1Font font, String letter) {
        try {
            font.encode(letter);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
