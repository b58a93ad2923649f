package io.insiders.api.registry;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * One entry of the registry's state set or removed: {@code <kind>/<id>} (say {@code ownership/12})
 * and its JSON, or null for a removal.
 *
 * @param key the entry's key
 * @param value its new value, or null when it is removed
 */
public record RegistryChange(String key, JsonNode value) {

    public RegistryChange {
        Objects.requireNonNull(key, "key");
    }

    /** Sets the entry {@code kind/id} to the value. */
    public static RegistryChange set(String kind, long id, Object value) {
        return new RegistryChange(RegistryState.key(kind, id), RegistryJson.tree(value));
    }
}
