package org.iecmh.endorsement.kit.audit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Refuses to dispatch a command that does not say which tenant it acts in and who sends it, so that no event can
 * be stored without its tenant and actor. Registered on the command bus by Axon's Spring configuration.
 */
public class TenantRequired implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            for (String key : List.of(AuditMetadata.TENANT, AuditMetadata.SUBJECT, AuditMetadata.ROLE)) {
                Object value = command.getMetaData().get(key);
                if (!(value instanceof String text) || text.isBlank()) {
                    throw new IllegalStateException(
                            "Command " + command.getCommandName() + " has no " + key + " in its metadata");
                }
            }
            return command;
        };
    }
}
