package io.insiders.api.registry;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * What the processor made of a command, on {@code insiders.registry.results} keyed by the command's
 * correlation id, written in the same transaction as the change itself.
 *
 * @param correlationId the command's
 * @param status the HTTP status of the answer
 * @param body the answer's body
 * @param changes the entries the command set or removed, so that the instance that wrote it reads them back at once
 * @param commandOffset the command's offset, which orders changes
 */
public record RegistryResult(String correlationId, int status, JsonNode body, List<RegistryChange> changes, long commandOffset) {

    public RegistryResult {
        Objects.requireNonNull(correlationId, "correlationId");
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** True for a 2xx answer. */
    public boolean applied() {
        return status >= 200 && status < 300;
    }

    /** The body as a value of that type. */
    public <T> T body(Class<T> type) {
        return RegistryJson.value(body, type);
    }
}
