package org.iecmh.endorsement.association.seed;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.iecmh.endorsement.association.AssociationServiceApplication;
import org.iecmh.endorsement.association.directory.AssociationRecords;
import org.iecmh.endorsement.association.record.CreateAssociation;
import org.iecmh.endorsement.contracts.association.Association;
import org.iecmh.endorsement.contracts.association.AssociationSeed;
import org.iecmh.endorsement.kit.audit.AuditMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Creates the associations of the seed ({@code associations/seed.yml} in libs/contracts) that do not exist yet, when
 * the service starts: on an empty platform, {@code ma} and {@code wa}; after that, nothing (their records are changed
 * through the API). Each association's stream is named by its code, so two instances starting at once create it once:
 * the second creation is refused by the event store and ignored.
 */
@Component
@ConditionalOnProperty(name = "iecmh.associations.seed", havingValue = "true", matchIfMissing = true)
public class SeedAssociations implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedAssociations.class);
    static final String SEEDER = "service:" + AssociationServiceApplication.NAME;

    private final CommandGateway commands;
    private final AssociationRecords records;

    SeedAssociations(CommandGateway commands, AssociationRecords records) {
        this.commands = commands;
        this.records = records;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed(AssociationSeed.load());
    }

    /** Creates each of {@code associations} that does not exist yet; returns how many it created. */
    public int seed(List<Association> associations) {
        int created = 0;
        for (Association association : associations) {
            if (records.find(association.code()).isPresent()) {
                continue;
            }
            try {
                commands.sendAndWait(new CreateAssociation(association.code(), association),
                        AuditMetadata.of(association.code(), SEEDER, AuditMetadata.SYSTEM_ROLE));
                log.info("Created association {} from the seed", association.code());
                created++;
            } catch (AggregateStreamCreationException alreadyThere) {
                log.info("Association {} was created meanwhile (another instance); the seed leaves it",
                        association.code());
            }
        }
        return created;
    }
}
