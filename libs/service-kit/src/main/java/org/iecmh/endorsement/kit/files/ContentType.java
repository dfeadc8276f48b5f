package org.iecmh.endorsement.kit.files;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file evidence may be (a transcript, a training certificate, a supervision log: a PDF or a picture of
 * one), each with its media type and the extensions its names end in. {@link #UNKNOWN} is anything else, which no
 * rule allows. HEIC stands for the whole HEIF family a phone's camera writes ({@code image/heic}, {@code image/heif}).
 */
public enum ContentType {

    PDF("application/pdf", List.of(), List.of("pdf")),
    PNG("image/png", List.of(), List.of("png")),
    JPEG("image/jpeg", List.of("image/jpg", "image/pjpeg"), List.of("jpg", "jpeg", "jpe", "jfif")),
    GIF("image/gif", List.of(), List.of("gif")),
    WEBP("image/webp", List.of(), List.of("webp")),
    TIFF("image/tiff", List.of(), List.of("tif", "tiff")),
    HEIC("image/heic", List.of("image/heif", "image/heic-sequence", "image/heif-sequence"), List.of("heic", "heif")),
    UNKNOWN("application/octet-stream", List.of(), List.of());

    private final String mediaType;
    private final List<String> otherMediaTypes;
    private final List<String> extensions;

    ContentType(String mediaType, List<String> otherMediaTypes, List<String> extensions) {
        this.mediaType = mediaType;
        this.otherMediaTypes = otherMediaTypes;
        this.extensions = extensions;
    }

    /** The media type a file of this kind is served and recorded with. */
    public String mediaType() {
        return mediaType;
    }

    /** The extensions (lower case, without the dot) a name of a file of this kind ends in. */
    public List<String> extensions() {
        return extensions;
    }

    /** True if a client that declared {@code declared} (parameters and case aside) meant this kind. */
    public boolean isDeclaredAs(String declared) {
        String bare = bareMediaType(declared);
        return this != UNKNOWN && (mediaType.equals(bare) || otherMediaTypes.contains(bare));
    }

    /** The known kind a client's declared media type names, if any. */
    public static Optional<ContentType> declaredAs(String declared) {
        return Arrays.stream(values()).filter(type -> type.isDeclaredAs(declared)).findFirst();
    }

    /** The known kind whose names end in {@code extension} (case aside), if any. */
    public static Optional<ContentType> withExtension(String extension) {
        String lower = extension.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.extensions.contains(lower)).findFirst();
    }

    static String bareMediaType(String declared) {
        if (declared == null) {
            return "";
        }
        int parameters = declared.indexOf(';');
        return (parameters < 0 ? declared : declared.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
