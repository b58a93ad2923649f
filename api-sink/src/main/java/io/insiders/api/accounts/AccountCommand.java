package io.insiders.api.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change to the accounts, as the API writes it to {@code insiders.accounts.commands} for the account
 * processor to apply. The API has checked everything that depends on the request alone (formats,
 * lengths, password rules) and hashed the password; the processor checks what depends on the state
 * (a username is taken once, the manager exists).
 *
 * @param type what to do
 * @param correlationId the id the result will carry, so that the instance that wrote the command finds its answer
 * @param managerId the manager concerned; null for a registration (the processor gives the id)
 * @param fields the profile fields to set, by their API names ({@link #USERNAME}...), a null value clearing one;
 *     for a registration all of them, for an update only those given
 * @param passwordHash the new password's hash (registration, password change); never the password itself
 * @param requestedAt when the API wrote the command, epoch milliseconds
 */
public record AccountCommand(Type type, String correlationId, Long managerId, Map<String, String> fields, String passwordHash,
                             long requestedAt) {

    /** The profile fields, by their names in the API's bodies. */
    public static final String USERNAME = "username";
    public static final String EMAIL = "email";
    public static final String EXTERNAL_ID = "external_id";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";

    /** What a command does. */
    public enum Type {
        /** A new manager; the processor gives him the next id. */
        REGISTER,
        /** New values for some profile fields. */
        UPDATE,
        /** A new password hash. */
        CHANGE_PASSWORD,
        /** Withdraws an account whose credentials could not be delivered: the username is free again. */
        DEACTIVATE
    }

    public AccountCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(correlationId, "correlationId");
        // LinkedHashMap keeps null values (clearing a field), which Map.copyOf would refuse.
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
        return "AccountCommand[" + type + " " + correlationId + (managerId == null ? "" : " manager " + managerId)
                + " fields " + fields.keySet() + "]";
    }
}
