package io.insiders.ingest.asi;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    /**
     * Formats epoch milliseconds as ISO 8601 UTC: {@code 2021-05-29T16:12:00Z}, or with six fraction digits
     * ({@code 2021-05-29T17:31:11.900000Z}) only when the fraction is not zero.
     */
    static String isoUtc(long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        String seconds = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
        return millis == 0 ? seconds + "Z" : seconds + String.format(Locale.ROOT, ".%06dZ", millis * 1000);
    }
}
