package io.insiders.api.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the account processor made of a command, on {@code insiders.accounts.results} keyed by the
 * command's correlation id, written in the same transaction as the change itself.
 *
 * @param correlationId the command's
 * @param outcome applied, refused for a rule over the state, or the manager does not exist
 * @param errors when refused, the messages per field, as the API answers them
 * @param manager when applied, the manager as he is now
 */
public record CommandResult(String correlationId, Outcome outcome, Map<String, List<String>> errors, Manager manager) {

    /** How a command ended. */
    public enum Outcome {
        APPLIED, INVALID, NOT_FOUND
    }

    public CommandResult {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(outcome, "outcome");
        errors = errors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    static CommandResult applied(String correlationId, Manager manager) {
        return new CommandResult(correlationId, Outcome.APPLIED, Map.of(), manager);
    }

    static CommandResult invalid(String correlationId, String field, String message) {
        return new CommandResult(correlationId, Outcome.INVALID, Map.of(field, List.of(message)), null);
    }

    static CommandResult notFound(String correlationId) {
        return new CommandResult(correlationId, Outcome.NOT_FOUND, Map.of(), null);
    }
}
