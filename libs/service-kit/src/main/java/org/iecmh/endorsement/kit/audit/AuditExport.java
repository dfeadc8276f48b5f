package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.DateTimeUtils;
import org.iecmh.endorsement.kit.files.FileStore;
import org.iecmh.endorsement.kit.files.FilesNotConfigured;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports of stored events, each line one event as stored (payload and metadata as JSON, with its chain hash):
 * a person's complete history as a signed bundle, and a tenant's events of a period as a stream.
 */
public class AuditExport {

    /**
     * The bundle's files; {@link #MANIFEST_SIGNATURE} is a compact ES256 JWS whose payload is {@link #MANIFEST}. The
     * person's files ({@link PersonFiles}) lie under {@link #FILES}.
     */
    public static final String EVENTS = "events.jsonl";
    public static final String FILES = "files/";
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_SIGNATURE = "manifest.jws";

    /** What a bundle holds: each file with its SHA-256 and length. */
    public record Manifest(String format, String service, String kind, String tenantId, String personId,
                           Instant createdAt, List<ManifestFile> files) {
    }

    public record ManifestFile(String name, String sha256, long bytes) {
    }

    /** A person's file read back from the store, its bytes shown to be those its event recorded. */
    public record ExportedFile(String name, byte[] bytes) {
    }

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final AuditSigningKey signingKey;
    private final Clock clock;

    private final List<PersonFiles> personFiles;
    private final ObjectProvider<FileStore> fileStore;

    public AuditExport(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                       AuditSigningKey signingKey, Clock clock) {
        this(jdbc, transactions, json, signingKey, clock, List.of(), null);
    }

    /** With the services' lists of a person's files, read from {@code fileStore} into the person's bundle. */
    public AuditExport(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                       AuditSigningKey signingKey, Clock clock, List<PersonFiles> personFiles,
                       ObjectProvider<FileStore> fileStore) {
        this.personFiles = List.copyOf(personFiles);
        this.fileStore = fileStore;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /**
     * The person's files, each read and checked against its record before anything of the bundle is written, so that a
     * file that is missing or not authentic refuses the export (as a problem) instead of breaking a zip half sent.
     *
     * @throws FilesNotConfigured if the person has files but this service has no file store
     */
    public List<ExportedFile> personFiles(String kind, String tenantId, String personId) {
        List<PersonFiles.PersonFile> listed = personFiles.stream()
                .flatMap(files -> files.files(kind, tenantId, personId).stream()).toList();
        if (listed.isEmpty()) {
            return List.of();
        }
        FileStore store = fileStore == null ? null : fileStore.getIfAvailable();
        if (store == null) {
            throw new FilesNotConfigured();
        }
        return listed.stream().map(file -> new ExportedFile(FILES + file.name(), store.get(tenantId, file.file())))
                .toList();
    }

    /**
     * A zip of the person's events (every aggregate of theirs, each stream in order), their files, the manifest
     * naming each entry with its SHA-256, and its signature.
     */
    public void personBundle(String service, String kind, List<String> aggregates, String tenantId, String personId,
                             List<ExportedFile> files, OutputStream out) throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        for (String aggregateId : aggregates) {
            jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ?"
                    + " ORDER BY sequence_number", rs -> {
                writeLine(events, line(StoredEvent.from(rs), null));
            }, aggregateId);
        }
        byte[] eventBytes = events.toByteArray();
        List<ManifestFile> entries = new ArrayList<>();
        entries.add(new ManifestFile(EVENTS, sha256(eventBytes), eventBytes.length));
        files.forEach(file -> entries.add(new ManifestFile(file.name(), sha256(file.bytes()), file.bytes().length)));
        Manifest manifest = new Manifest("iecmh-audit-bundle-v1", service, kind, tenantId, personId,
                clock.instant(), entries);
        byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, EVENTS, eventBytes);
            for (ExportedFile file : files) {
                put(zip, file.name(), file.bytes());
            }
            put(zip, MANIFEST, manifestBytes);
            put(zip, MANIFEST_SIGNATURE, signingKey.sign(manifestBytes).getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** How many events of the aggregate type the tenant stored in the period. */
    public long countTenantEvents(String aggregateType, String tenantId, Instant from, Instant to) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE " + TENANT_PERIOD,
                Long.class, aggregateType, tenantId, DateTimeUtils.formatInstant(from),
                DateTimeUtils.formatInstant(to));
        return count == null ? 0 : count;
    }

    /**
     * Writes the tenant's events of the period as JSON lines, in the order they were stored, each numbered by its
     * {@code position} (1 to the count announced beforehand), read through a cursor so none is held longer than
     * needed.
     */
    public void tenantEvents(String aggregateType, String tenantId, Instant from, Instant to, OutputStream out) {
        long[] position = {0};
        readOnly.executeWithoutResult(status -> streaming.query("SELECT " + StoredEvent.COLUMNS
                        + " FROM domain_event_entry WHERE " + TENANT_PERIOD + " ORDER BY global_index", rs -> {
                    writeLine(out, line(StoredEvent.from(rs), ++position[0]));
                    if (position[0] % FETCH_SIZE == 0) {
                        flush(out);
                    }
                }, aggregateType, tenantId, DateTimeUtils.formatInstant(from), DateTimeUtils.formatInstant(to)));
        flush(out);
    }

    // Axon writes every timestamp in one fixed ISO-8601 UTC format, so the stored text compares in time order.
    private static final String TENANT_PERIOD = "type = ? AND convert_from(meta_data, 'UTF8')::jsonb ->> 'tenantId' = ?"
            + " AND time_stamp >= ? AND time_stamp < ?";

    private ObjectNode line(StoredEvent event, Long position) {
        try {
            ObjectNode line = json.createObjectNode();
            if (position != null) {
                line.put("position", position);
            }
            line.put("globalIndex", event.globalIndex());
            line.put("aggregateId", event.aggregateId());
            line.put("aggregateType", event.aggregateType());
            line.put("sequenceNumber", event.sequenceNumber());
            line.put("eventId", event.eventId());
            line.put("payloadType", event.payloadType());
            line.put("payloadRevision", event.payloadRevision());
            line.put("timestamp", event.timestamp());
            line.put("tenantId", event.tenantId(json));
            line.set("payload", json.readTree(event.payload()));
            line.set("metaData", event.metaData() == null ? null : json.readTree(event.metaData()));
            line.put("chainHash", event.chainHash());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeLine(OutputStream out, ObjectNode line) {
        try {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(EventChain.sha256().digest(content));
    }
}
