package org.iecmh.endorsement.kit.files;

import org.iecmh.endorsement.kit.web.InvalidRequest;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an uploaded file must be before it is kept as evidence: not empty, not over the size limit, of an allowed kind
 * by its bytes ({@link ContentTypes}), and what its declared media type and its name's extension say it is. Each
 * refusal is invalid input, a 400 problem naming the request's field and one of the {@link Rule}s, before anything is
 * stored. A client that declares nothing, or only {@code application/octet-stream}, and a name without an extension
 * claim nothing, so nothing is held against them.
 */
public final class FileRules {

    /** The rule codes of a refused file, as the problem document names them (and the web application words them). */
    public enum Rule {
        /** No bytes at all. */
        EMPTY("FileEmpty"),
        /** More bytes than the limit. */
        TOO_LARGE("FileTooLarge"),
        /** Bytes of a kind that is not allowed here, or of no known kind (a text file named .pdf). */
        TYPE_NOT_ALLOWED("FileTypeNotAllowed"),
        /** A declared media type that is not what the bytes are (a PNG sent as application/pdf). */
        TYPE_MISMATCH("FileTypeMismatch"),
        /** A name whose extension is not the bytes' kind (a PDF named .png). */
        NAME_MISMATCH("FileNameMismatch");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final long maxBytes;
    private final Set<ContentType> allowed;

    /** Files of up to {@code maxBytes} bytes, of the {@code allowed} kinds ({@link ContentType#UNKNOWN} never is). */
    public FileRules(long maxBytes, Collection<ContentType> allowed) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("The size limit must be at least one byte, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.allowed = allowed.isEmpty() ? EnumSet.noneOf(ContentType.class) : EnumSet.copyOf(allowed);
        this.allowed.remove(ContentType.UNKNOWN);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Set<ContentType> allowed() {
        return Set.copyOf(allowed);
    }

    /**
     * Checks a file sent in the request's {@code field} and answers what it is by its bytes: the type to record, in
     * place of what the client declared.
     *
     * @throws InvalidRequest naming {@code field} and the {@link Rule} the file breaks
     */
    public ContentType check(String field, String fileName, String declaredType, byte[] bytes) {
        checkSize(field, bytes == null ? 0 : bytes.length);
        ContentType actual = ContentTypes.detect(bytes);
        if (!allowed.contains(actual)) {
            String kind = actual == ContentType.UNKNOWN ? "not a file of a known kind" : "a " + actual + " file";
            throw refused(field, Rule.TYPE_NOT_ALLOWED, "is " + kind + "; allowed are " + allowedNames());
        }
        String declared = ContentType.bareMediaType(declaredType);
        boolean claimed = !declared.isEmpty() && !declared.equals(ContentType.UNKNOWN.mediaType());
        if (claimed && !actual.isDeclaredAs(declared)) {
            throw refused(field, Rule.TYPE_MISMATCH, "was sent as " + declared + " but is a " + actual + " file");
        }
        String extension = extension(fileName);
        if (!extension.isEmpty() && !actual.extensions().contains(extension)) {
            throw refused(field, Rule.NAME_MISMATCH, "is named ." + extension + " but is a " + actual + " file");
        }
        return actual;
    }

    /**
     * Checks only the size of a file sent in {@code field}, before its bytes are read (an upload kept on disk by the
     * server need not be taken into memory to be refused).
     *
     * @throws InvalidRequest naming {@code field} and {@link Rule#EMPTY} or {@link Rule#TOO_LARGE}
     */
    public void checkSize(String field, long size) {
        if (size == 0) {
            throw refused(field, Rule.EMPTY, "is empty");
        }
        if (size > maxBytes) {
            throw refused(field, Rule.TOO_LARGE, "is " + size + " bytes, more than the " + maxBytes + " allowed");
        }
    }

    private String allowedNames() {
        return allowed.stream().map(ContentType::name).sorted().collect(Collectors.joining(", "));
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).trim();
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static InvalidRequest refused(String field, Rule rule, String message) {
        return new InvalidRequest(field, rule.code(), message);
    }
}
