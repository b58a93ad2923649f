package io.insiders.api.commands;

import java.util.Objects;

/**
 * Where one kind of command travels: the commands topic (one partition, so that they apply in one
 * order), the topic of their results (keyed by correlation id), and the names the processor uses.
 *
 * @param commands the commands topic
 * @param results the results topic
 * @param groupId the consumer group of the processors of every instance
 * @param transactionalId the one transactional id of whoever holds the commands partition
 * @param clientId the prefix of the clients' ids and threads' names
 */
public record CommandTopics(String commands, String results, String groupId, String transactionalId, String clientId) {

    public CommandTopics {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(clientId, "clientId");
    }
}
