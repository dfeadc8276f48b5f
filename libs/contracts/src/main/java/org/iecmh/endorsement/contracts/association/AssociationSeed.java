package org.iecmh.endorsement.contracts.association;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The associations the platform starts with ({@code associations/seed.yml}): the policy each service once kept in
 * its own configuration, as records. Every record is checked; a seed that breaks a rule is refused whole.
 */
public final class AssociationSeed {

    public static final String RESOURCE = "/associations/seed.yml";

    private AssociationSeed() {
    }

    /** The seeded associations, in the file's order. */
    public static List<Association> load() {
        try (InputStream in = AssociationSeed.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the classpath");
            }
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Association[] associations = yamlReader().convertValue(document.get("associations"), Association[].class);
            return Arrays.stream(associations).map(Association::validated).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads records written with configuration's kebab-case keys. */
    static ObjectMapper yamlReader() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
