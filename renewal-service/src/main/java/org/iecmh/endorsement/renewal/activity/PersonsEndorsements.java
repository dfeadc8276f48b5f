package org.iecmh.endorsement.renewal.activity;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.iecmh.endorsement.kit.web.Actor;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementFile;
import org.iecmh.endorsement.renewal.endorsementfile.EndorsementView;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Someone endorsed in several categories logs, corrects or removes an activity once: it is recorded on each of their
 * active endorsements in the association (and on the one they named, whatever its state), all or none.
 */
@Component
class PersonsEndorsements {

    private final EndorsementFile file;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    PersonsEndorsements(EndorsementFile file, CommandGateway commands, TransactionTemplate transaction) {
        this.file = file;
        this.commands = commands;
        this.transaction = transaction;
    }

    /**
     * Sends each endorsement its command, made from its number and whether it is the one the endorsee named, in one
     * transaction.
     */
    void sendToEach(EndorsementView named, Actor acting, BiFunction<String, Boolean, Object> command) {
        Set<String> numbers = new LinkedHashSet<>();
        numbers.add(named.endorsementNumber());
        numbers.addAll(file.activeEndorsementsOf(named.tenantId(), named.personId()));
        transaction.executeWithoutResult(status -> numbers.forEach(number -> commands.sendAndWait(
                command.apply(number, number.equals(named.endorsementNumber())), acting.metaData())));
    }
}
