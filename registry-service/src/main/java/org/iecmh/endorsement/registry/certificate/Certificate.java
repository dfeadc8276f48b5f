package org.iecmh.endorsement.registry.certificate;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.kit.web.DomainRuleViolation;
import org.iecmh.endorsement.pdf.PdfText;
import org.iecmh.endorsement.pdf.PdfText.Weight;
import org.iecmh.endorsement.registry.search.EndorsementRecord;
import org.iecmh.endorsement.registry.search.EndorsementStatus;
import org.iecmh.endorsement.registry.search.RegistryEntry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The endorsement certificate as a one-page PDF: who, which category, the number and dates, the issuing association,
 * and a QR code of the link that verifies it, since paper can be forged and the registry cannot.
 * Names print in any script (embedded Unicode fonts, see {@link PdfText}).
 */
final class Certificate {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private Certificate() {
    }

    /** The endorsement, if it has a certificate to print: only an active one has. */
    static EndorsementRecord printable(EndorsementRecord record) {
        if (record.status() != EndorsementStatus.ACTIVE) {
            throw new DomainRuleViolation("certificate-needs-active-endorsement", "Endorsement "
                    + record.entry().endorsementNumber() + " is " + record.status().name().toLowerCase(Locale.ROOT));
        }
        return record;
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
            information.setAuthor(association);
            information.setSubject(entry.name());
            PDImageXObject qr = LosslessFactory.createFromImage(document, QrCode.image(verificationLink));
            PdfText text = PdfText.in(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float width = landscape.getWidth();
                text.showCentered(content, Weight.BOLD, 30, width, 500, "Certificate of Endorsement");
                text.showCentered(content, Weight.REGULAR, 14, width, 465, association);
                text.showCentered(content, Weight.REGULAR, 14, width, 420, "certifies that");
                text.showCentered(content, Weight.BOLD, fitting(text, entry.name(), width - 144), width, 380,
                        entry.name());
                text.showCentered(content, Weight.REGULAR, 12, width, 340, "is endorsed for culturally sensitive, "
                        + "relationship-focused practice promoting infant and early childhood mental health as");
                text.showCentered(content, Weight.BOLD, 18, width, 310, title + " (" + entry.category() + ")");
                text.show(content, Weight.REGULAR, 12, 72, 230, "Endorsement number: " + entry.endorsementNumber());
                text.show(content, Weight.REGULAR, 12, 72, 210, "Endorsed since: " + DATE.format(entry.endorsedSince()));
                text.show(content, Weight.REGULAR, 12, 72, 190, "Valid through: " + DATE.format(entry.validThrough()));
                text.show(content, Weight.REGULAR, 10, 72, 120, "Verify this endorsement at");
                text.show(content, Weight.REGULAR, 10, 72, 105, verificationLink);
                content.drawImage(qr, width - 72 - 150, 60, 150, 150);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the certificate of " + entry.endorsementNumber(), e);
        }
    }

    /** The name at 28 points, smaller when a long name would not fit between the margins. */
    private static float fitting(PdfText text, String name, float available) throws IOException {
        float size = 28;
        while (size > 12 && text.width(Weight.BOLD, size, name) > available) {
            size -= 2;
        }
        return size;
    }
}
