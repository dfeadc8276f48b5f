package org.iecmh.endorsement.kit.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the event store as it is stored: the bytes the chain hash is computed over. */
public record StoredEvent(long globalIndex, String aggregateId, String aggregateType, long sequenceNumber,
                          String eventId, String payloadType, String payloadRevision, String timestamp,
                          byte[] payload, byte[] metaData, String chainHash) {

    /** The columns {@link #from(ResultSet)} reads, for a {@code SELECT} on {@code domain_event_entry}. */
    public static final String COLUMNS = "global_index, aggregate_identifier, type, sequence_number, event_identifier,"
            + " payload_type, payload_revision, time_stamp, payload, meta_data, chain_hash";

    public static StoredEvent from(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("aggregate_identifier"), rs.getString("type"),
                rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                rs.getBytes("meta_data"), rs.getString("chain_hash"));
    }

    /** The same event with the hash that links it into its chain. */
    public StoredEvent linkedBy(String hash) {
        return new StoredEvent(globalIndex, aggregateId, aggregateType, sequenceNumber, eventId, payloadType,
                payloadRevision, timestamp, payload, metaData, hash);
    }

    /** The tenant the event was stored in, from its metadata. */
    public String tenantId(ObjectMapper json) {
        return text(json, metaData, AuditMetadata.TENANT);
    }

    /** The person the event concerns, if its payload names one ({@code personId}). */
    public String personId(ObjectMapper json) {
        return text(json, payload, "personId");
    }

    /**
     * The text of a top-level field of a JSON object, or null if it has none (or not text). It reads only as far as
     * the field, skipping the values before it: the chain asks this of every event it stores.
     */
    private static String text(ObjectMapper json, byte[] document, String field) {
        if (document == null) {
            return null;
        }
        try (JsonParser parser = json.getFactory().createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
