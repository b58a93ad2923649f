package io.insiders.ingest.asi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers for the JSON-ready {@code details} maps. */
final class AsiDetails {

    private AsiDetails() {
    }

    /** Copies a details map, and the maps nested in it, into unmodifiable maps that keep their order. */
    static Map<String, Object> unmodifiable(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) nested;
                value = unmodifiable(typed);
            }
            copy.put(entry.getKey(), value);
        }
        return Collections.unmodifiableMap(copy);
    }
}
