package org.iecmh.endorsement.pdf;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes text in any script into one PDF document with embedded fonts, so that a name such as "Nguyễn Thị Ánh",
 * "Łucja Wróbel", "Ελένη Παπαδοπούλου" or "王秀英" prints as it is written and reads back from the PDF's text.
 * <p>
 * DejaVu Sans (Latin with Vietnamese and Polish letters, Greek, Cyrillic) comes first; Droid Sans Fallback (Chinese,
 * Japanese, Korean) prints what DejaVu lacks. Both are embedded as subsets (only the glyphs used), each with its
 * ToUnicode map, so text extraction and screen readers see the letters. A character no font has prints as "?".
 * The font files are in this library's jar (copied from Debian's fonts-dejavu-core and fonts-droid-fallback at build
 * time; licences in {@code META-INF/fonts}). One instance serves one document on one thread.
 */
public final class PdfText {

    /** The weights the documents use; Chinese has one weight, so bold Chinese prints regular. */
    public enum Weight { REGULAR, BOLD }

    private static final String DIR = "fonts/";
    private static final Map<Weight, byte[]> PRIMARY = new EnumMap<>(Map.of(
            Weight.REGULAR, read("DejaVuSans.ttf"), Weight.BOLD, read("DejaVuSans-Bold.ttf")));
    private static final byte[] FALLBACK = read("DroidSansFallbackFull.ttf");

    private final PDDocument document;
    private final Map<Weight, Face> primary = new EnumMap<>(Weight.class);
    private Face fallback;

    private PdfText(PDDocument document) {
        this.document = document;
    }

    /** Text for this document; fonts are embedded when first used. */
    public static PdfText in(PDDocument document) {
        return new PdfText(document);
    }

    /** Writes one line of text with its baseline starting at (x, y). */
    public void show(PDPageContentStream content, Weight weight, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.newLineAtOffset(x, y);
        for (Run run : runs(weight, text)) {
            content.setFont(run.face.font, size);
            content.showText(run.text);
        }
        content.endText();
    }

    /** Writes one line centred between 0 and {@code pageWidth}. */
    public void showCentered(PDPageContentStream content, Weight weight, float size, float pageWidth, float y,
                             String text) throws IOException {
        show(content, weight, size, (pageWidth - width(weight, size, text)) / 2, y, text);
    }

    /** How wide the text prints, in points. */
    public float width(Weight weight, float size, String text) throws IOException {
        float width = 0;
        for (Run run : runs(weight, text)) {
            width += run.face.font.getStringWidth(run.text) / 1000 * size;
        }
        return width;
    }

    /** The text in consecutive pieces that one font prints, after composing letters with their accents (NFC). */
    List<Run> runs(Weight weight, String text) throws IOException {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        List<Run> runs = new ArrayList<>();
        Face current = null;
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < composed.length(); ) {
            int codePoint = composed.codePointAt(i);
            i += Character.charCount(codePoint);
            Face face = faceFor(weight, codePoint);
            String letter = face == null ? "?" : new String(Character.toChars(codePoint));
            if (face == null) {
                face = primary(weight);
            }
            if (face != current && piece.length() > 0) {
                runs.add(new Run(current, piece.toString()));
                piece.setLength(0);
            }
            current = face;
            piece.append(letter);
        }
        if (piece.length() > 0) {
            runs.add(new Run(current, piece.toString()));
        }
        return runs;
    }

    private Face faceFor(Weight weight, int codePoint) throws IOException {
        if (Character.isWhitespace(codePoint) || primary(weight).has(codePoint)) {
            return primary(weight);
        }
        if (fallback().has(codePoint)) {
            return fallback();
        }
        return null;
    }

    private Face primary(Weight weight) throws IOException {
        Face face = primary.get(weight);
        if (face == null) {
            face = Face.load(document, PRIMARY.get(weight));
            primary.put(weight, face);
        }
        return face;
    }

    private Face fallback() throws IOException {
        if (fallback == null) {
            fallback = Face.load(document, FALLBACK);
        }
        return fallback;
    }

    /**
     * The TrueType file of the weight's first font (DejaVu Sans), for pictures drawn with the same letters as the
     * documents (a badge's image); a copy the caller may keep.
     */
    public static byte[] fontFile(Weight weight) {
        return PRIMARY.get(weight).clone();
    }

    private static byte[] read(String file) {
        try (InputStream in = PdfText.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("The font " + file + " is missing from pdf-text's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Run(Face face, String text) {
    }

    /** A font parsed for one document, with the map that says which characters it has. */
    static final class Face {
        final PDType0Font font;
        private final TrueTypeFont ttf;

        private Face(PDType0Font font, TrueTypeFont ttf) {
            this.font = font;
            this.ttf = ttf;
        }

        static Face load(PDDocument document, byte[] file) throws IOException {
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(file));
            // The document closes the font when it is saved and closed.
            return new Face(PDType0Font.load(document, ttf, true), ttf);
        }

        boolean has(int codePoint) throws IOException {
            return ttf.getUnicodeCmapLookup().getGlyphId(codePoint) != 0;
        }
    }
}
