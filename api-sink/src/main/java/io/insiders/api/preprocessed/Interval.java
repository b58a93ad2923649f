package io.insiders.api.preprocessed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * The [start, stop] of a query, both included, in the stores' epoch milliseconds. A bound given with a
 * fraction of a millisecond is rounded inwards (start up, stop down), so that no frame outside the
 * requested instants is returned.
 *
 * @param start the first millisecond
 * @param stop the last millisecond; below {@code start} only when the request fits within one millisecond
 *     without holding a whole one
 */
record Interval(long start, long stop) {

    static final String REQUIRED = "This field is required.";
    static final String STOP_BEFORE_START = "stop must not be before start.";

    /**
     * Reads {@code start} and {@code stop} (or their deprecated spellings {@code start_iso} and {@code stop_iso},
     * which count only when the other is absent) and checks that the interval is at most {@code longest}.
     *
     * @throws ApiException 400: per parameter, {@code {"start": ["This field is required."]}} or the format
     *     error; then, over both, {@code {"non_field_errors": [...]}} for a stop before the start or an interval
     *     too long
     */
    static Interval from(MultiValueMap<String, String> query, Duration longest) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        long start = micros(query, "start", "start_iso", errors);
        long stop = micros(query, "stop", "stop_iso", errors);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
        if (stop < start) {
            throw nonField(STOP_BEFORE_START);
        }
        if (stop - start > longest.toNanos() / 1000) {
            throw nonField("Interval between start and stop cannot exceed " + days(longest) + ".");
        }
        return new Interval(-Math.floorDiv(-start, 1000), Math.floorDiv(stop, 1000));
    }

    private static long micros(MultiValueMap<String, String> query, String name, String deprecatedName,
                               Map<String, List<String>> errors) {
        String given = name;
        String value = QueryParameters.value(query, name);
        if (value == null) {
            given = deprecatedName;
            value = QueryParameters.value(query, deprecatedName);
        }
        if (value == null) {
            errors.put(name, List.of(REQUIRED));
            return 0;
        }
        OptionalLong micros = QueryTimes.epochMicros(value);
        if (micros.isEmpty()) {
            errors.put(given, List.of(QueryTimes.INVALID));
            return 0;
        }
        return micros.getAsLong();
    }

    private static String days(Duration longest) {
        long days = longest.toDays();
        return days == 1 ? "1 day" : days + " days";
    }

    private static ApiException nonField(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of("non_field_errors", List.of(message)));
    }
}
