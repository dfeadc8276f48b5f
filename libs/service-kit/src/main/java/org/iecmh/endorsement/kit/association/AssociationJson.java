package org.iecmh.endorsement.kit.association;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.iecmh.endorsement.contracts.association.Association;

/** An association record as the JSON a table keeps it in ({@code jsonb}), written and read with the service's mapper. */
public final class AssociationJson {

    private final ObjectMapper json;

    public AssociationJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(Association association) {
        try {
            return json.writeValueAsString(association);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the record of association " + association.code(), e);
        }
    }

    public Association read(String record) {
        try {
            return json.readValue(record, Association.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a kept association record", e);
        }
    }
}
