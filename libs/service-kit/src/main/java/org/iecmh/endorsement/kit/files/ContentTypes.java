package org.iecmh.endorsement.kit.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Tells what a file is from its first bytes (its magic number), never from its name or the type a client declared:
 * those are claims, which {@link FileRules} holds against what this finds.
 */
public final class ContentTypes {

    private static final byte[] PDF = ascii("%PDF-");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] TIFF_LITTLE_ENDIAN = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BIG_ENDIAN = {'M', 'M', 0, 42};
    private static final byte[] FTYP = ascii("ftyp");
    /** The major brands of an ISO media file (its {@code ftyp} box) that make it a HEIF image rather than a video. */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1",
            "msf1", "heif");
    private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

    private ContentTypes() {
    }

    /** The kind of file {@code bytes} are, {@link ContentType#UNKNOWN} if none of the known ones. */
    public static ContentType detect(byte[] bytes) {
        if (startsWith(bytes, 0, PDF)) {
            return ContentType.PDF;
        }
        if (startsWith(bytes, 0, PNG)) {
            return ContentType.PNG;
        }
        if (startsWith(bytes, 0, JPEG)) {
            return ContentType.JPEG;
        }
        if (startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89)) {
            return ContentType.GIF;
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) {
            return ContentType.WEBP;
        }
        if (startsWith(bytes, 0, TIFF_LITTLE_ENDIAN) || startsWith(bytes, 0, TIFF_BIG_ENDIAN)) {
            return ContentType.TIFF;
        }
        if (startsWith(bytes, 4, FTYP) && isHeif(bytes)) {
            return ContentType.HEIC;
        }
        return ContentType.UNKNOWN;
    }

    /** A HEIF brand first, and no AVIF brand among the compatible ones (AVIF shares HEIF's generic brands). */
    private static boolean isHeif(byte[] bytes) {
        if (bytes.length < 12 || !HEIF_BRANDS.contains(brand(bytes, 8))) {
            return false;
        }
        long boxSize = ((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8)
                | (bytes[3] & 0xFF);
        int end = (int) Math.min(boxSize, bytes.length);
        for (int offset = 16; offset + 4 <= end; offset += 4) {
            if (AVIF_BRANDS.contains(brand(bytes, offset))) {
                return false;
            }
        }
        return true;
    }

    private static String brand(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
        return bytes != null && bytes.length >= offset + magic.length
                && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
