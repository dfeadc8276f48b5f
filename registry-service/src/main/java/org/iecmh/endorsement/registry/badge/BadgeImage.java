package org.iecmh.endorsement.registry.badge;

import org.iecmh.endorsement.contracts.Category;
import org.iecmh.endorsement.pdf.PdfText;
import org.iecmh.endorsement.pdf.PdfText.Weight;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a badge, in SVG and PNG: a seal in the colour of the category's level, with the category, its
 * title and the association, and the number when it is one endorsee's. An endorsee's picture carries the signed
 * badge itself, baked in as Open Badges 3.0 says: in PNG an {@code iTXt} chunk with the keyword
 * {@code openbadgecredential} holding the compact VC-JWT (uncompressed); in SVG an {@code openbadges:credential}
 * element (namespace {@code https://purl.imsglobal.org/ob/v3p0}) whose text is the VC-JWT. Anyone who receives the
 * picture can so extract the credential and verify it.
 */
final class BadgeImage {

    static final String PNG_KEYWORD = "openbadgecredential";
    static final String SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0";
    private static final int SIZE = 400;
    private static final Font REGULAR = font(Weight.REGULAR);
    private static final Font BOLD = font(Weight.BOLD);

    /** What the picture shows; {@code number} is null for the achievement's own picture. */
    record Design(String category, String association, String number) {

        String title() {
            return Category.isKnown(category) ? Category.fromAbbreviation(category).title() : category;
        }

        /** Associate teal, family specialist blue, mental health specialist purple, mentor burgundy. */
        String colour() {
            int level = Category.isKnown(category) ? Category.fromAbbreviation(category).level() : 0;
            return switch (level) {
                case 1 -> "#1b6f6a";
                case 2 -> "#24518f";
                case 3 -> "#5b3491";
                case 4 -> "#7a2140";
                default -> "#3d4451";
            };
        }
    }

    private BadgeImage() {
    }

    static String svg(Design design, String credential) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"").append(SVG_NAMESPACE)
                .append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
                .append("\" viewBox=\"0 0 400 400\" role=\"img\" aria-labelledby=\"badge-title\">\n");
        if (credential != null) {
            svg.append("<openbadges:credential>").append(escape(credential)).append("</openbadges:credential>\n");
        }
        svg.append("<title id=\"badge-title\">").append(escape(altText(design))).append("</title>\n");
        svg.append("<circle cx=\"200\" cy=\"200\" r=\"196\" fill=\"").append(design.colour()).append("\"/>\n");
        svg.append("<circle cx=\"200\" cy=\"200\" r=\"150\" fill=\"#ffffff\"/>\n");
        svg.append("<circle cx=\"200\" cy=\"200\" r=\"142\" fill=\"none\" stroke=\"").append(design.colour())
                .append("\" stroke-width=\"3\"/>\n");
        svg.append("<g font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\" text-anchor=\"middle\">\n");
        text(svg, 200, 38, 15, true, "#ffffff", "IECMH ENDORSEMENT");
        text(svg, 200, 150, 50, true, design.colour(), design.category());
        int y = 185;
        for (String line : lines(design.title(), 26)) {
            text(svg, 200, y, 16, false, "#1f2328", line);
            y += 21;
        }
        if (design.number() != null) {
            text(svg, 200, 250, 16, true, "#1f2328", design.number());
        }
        int below = 280;
        for (String line : lines(design.association(), 30)) {
            text(svg, 200, below, 12, false, design.colour(), line);
            below += 16;
        }
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    static byte[] png(Design design, String credential) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color colour = Color.decode(design.colour());
            g.setColor(colour);
            g.fillOval(4, 4, 392, 392);
            g.setColor(Color.WHITE);
            g.fillOval(50, 50, 300, 300);
            g.setColor(colour);
            g.setStroke(new BasicStroke(3));
            g.drawOval(58, 58, 284, 284);
            centred(g, BOLD.deriveFont(15f), Color.WHITE, 38, "IECMH ENDORSEMENT");
            centred(g, BOLD.deriveFont(50f), colour, 150, design.category());
            int y = 185;
            for (String line : lines(design.title(), 26)) {
                centred(g, REGULAR.deriveFont(16f), new Color(0x1f2328), y, line);
                y += 21;
            }
            if (design.number() != null) {
                centred(g, BOLD.deriveFont(16f), new Color(0x1f2328), 250, design.number());
            }
            int below = 280;
            for (String line : lines(design.association(), 30)) {
                centred(g, REGULAR.deriveFont(12f), colour, below, line);
                below += 16;
            }
        } finally {
            g.dispose();
        }
        return credential == null ? plainPng(image) : bakedPng(image, credential);
    }

    /** Words a screen reader says for the picture. */
    static String altText(Design design) {
        return "IECMH Endorsement badge: " + design.title() + " (" + design.category() + "), "
                + design.association() + (design.number() == null ? "" : ", " + design.number());
    }

    private static byte[] bakedPng(BufferedImage image, String credential) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
             ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), parameters);
            IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
            entry.setAttribute("keyword", PNG_KEYWORD);
            entry.setAttribute("compressionFlag", "FALSE");
            entry.setAttribute("compressionMethod", "0");
            entry.setAttribute("languageTag", "");
            entry.setAttribute("translatedKeyword", "");
            entry.setAttribute("text", credential);
            IIOMetadataNode chunk = new IIOMetadataNode("iTXt");
            chunk.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(chunk);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), parameters);
            stream.flush();
            return out.toByteArray();
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("Cannot bake the badge into its PNG", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] plainPng(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void centred(Graphics2D g, Font font, Color colour, int baseline, String text) {
        g.setFont(font);
        g.setColor(colour);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, (SIZE - metrics.stringWidth(text)) / 2f, baseline);
    }

    private static void text(StringBuilder svg, int x, int y, int size, boolean bold, String fill, String text) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
                .append("\"").append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(fill)
                .append("\">").append(escape(text)).append("</text>\n");
    }

    /** Words wrapped into lines of at most {@code width} characters (a longer word stays whole). */
    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Font font(Weight weight) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(PdfText.fontFile(weight)));
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("Cannot read the badge font " + weight.name().toLowerCase(Locale.ROOT), e);
        }
    }
}
