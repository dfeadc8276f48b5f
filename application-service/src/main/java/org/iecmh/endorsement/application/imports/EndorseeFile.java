package org.iecmh.endorsement.application.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.iecmh.endorsement.kit.web.InvalidRequest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An association's file of endorsees as its current system exports it: CSV (RFC 4180: fields with commas, quotes or
 * line breaks in double quotes), UTF-8 with or without a byte order mark, a header row naming {@link #COLUMNS} in
 * any order. A file that is not that is refused as a whole, naming what is wrong; a row's own problems are the
 * rules' business.
 */
public record EndorseeFile(String sha256, List<Row> rows) {

    public static final String NUMBER = "endorsement_number";
    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String CATEGORY = "category";
    public static final String ENDORSED_SINCE = "endorsed_since";
    public static final String VALID_THROUGH = "valid_through";
    public static final String STATUS = "status";
    public static final String PROVIDES_RSC = "provides_rsc";
    public static final String ERS_ADD_ON = "ers_add_on";
    public static final List<String> COLUMNS = List.of(NUMBER, NAME, EMAIL, CATEGORY, ENDORSED_SINCE, VALID_THROUGH,
            STATUS, PROVIDES_RSC, ERS_ADD_ON);

    /** A row: the line it starts on, and its values by column (stripped), or {@code fieldCount} when it has too few or many. */
    public record Row(int line, Map<String, String> values, int fieldCount) {

        public String value(String column) {
            return values.getOrDefault(column, "");
        }
    }

    private static final String FIELD = "file";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** Reads the file, or refuses it with a problem on {@code file} naming the rule (and the column, for the header). */
    public static EndorseeFile read(byte[] bytes, int maxRows) {
        if (bytes.length == 0) {
            throw new InvalidRequest(FIELD, "empty", "The file is empty; it starts with the header row "
                    + String.join(",", COLUMNS));
        }
        String text = utf8(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw new InvalidRequest(FIELD, "not-csv", "The file holds binary data, not CSV text");
        }
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            List<String> header = null;
            long linesRead = 0;
            for (CSVRecord record : parser) {
                int line = (int) linesRead + 1;
                linesRead = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // an empty line (read as a record, so that the next one's line is known)
                }
                if (header == null) {
                    header = header(record);
                    continue;
                }
                if (rows.size() == maxRows) {
                    throw new InvalidRequest(FIELD, "too-many-rows", "A file holds at most " + maxRows
                            + " endorsees; split it");
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    values.put(header.get(i), record.get(i).strip());
                }
                rows.add(new Row(line, values, record.size()));
            }
            if (header == null) {
                throw new InvalidRequest(FIELD, "empty", "The file has no header row");
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InvalidRequest(FIELD, "not-csv", "The file is not CSV: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidRequest(FIELD, "not-csv", "The file is not CSV: " + e.getMessage());
        }
        return new EndorseeFile(sha256(bytes), List.copyOf(rows));
    }

    private static List<String> header(CSVRecord record) {
        List<String> header = record.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        for (String name : header) {
            if (!COLUMNS.contains(name)) {
                throw new InvalidRequest(FIELD, "header", "Unknown column \"" + name + "\" in the header row; the "
                        + "columns are " + String.join(",", COLUMNS));
            }
            if (header.indexOf(name) != header.lastIndexOf(name)) {
                throw new InvalidRequest(FIELD, "header", "Column " + name + " appears twice in the header row");
            }
        }
        for (String column : COLUMNS) {
            if (!header.contains(column)) {
                throw new InvalidRequest(FIELD, "header", "The header row has no column " + column + "; the columns"
                        + " are " + String.join(",", COLUMNS));
            }
        }
        return header;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequest(FIELD, "not-csv", "The file is not UTF-8 text; export it as CSV in UTF-8");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
