package io.insiders.api.registry;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A change to the registry, as the API writes it to {@code insiders.registry.commands}. The API has
 * checked what depends on the request alone (formats, lengths); the {@link RegistryRules} check what
 * depends on the state (who owns a device now) when the processor applies the command.
 *
 * @param type what to do, {@code <feature>.<action>} (say {@code ownership.take})
 * @param correlationId the id the result will carry
 * @param managerId the manager who asks; null for the system (the demo, the device's own reports)
 * @param payload the command's arguments
 * @param requestedAt when the API wrote the command, epoch milliseconds
 */
public record RegistryCommand(String type, String correlationId, Long managerId, JsonNode payload, long requestedAt) {

    public RegistryCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
    }

    /** The payload as a value of that type. */
    public <T> T payload(Class<T> type) {
        return RegistryJson.value(payload, type);
    }
}
