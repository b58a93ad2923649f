package io.insiders.api.devices;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import io.insiders.api.preprocessed.QueryParameters;
import io.insiders.api.preprocessed.QueryTimes;
import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * The filters of the device and ownership lists, read as django-filter reads them: an absent or empty
 * parameter filters nothing, a given one counts with its last value, and one that cannot be read is a
 * 400 with django's message.
 */
public final class QueryFilters {

    static final String INVALID_DATE_TIME = "Enter a valid date/time.";
    static final String INVALID_NUMBER = "Enter a number.";

    private QueryFilters() {
    }

    /** The parameter's last value, or null when it is absent or empty. */
    public static String text(MultiValueMap<String, String> query, String name) {
        String value = QueryParameters.value(query, name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * A date-time parameter, in epoch microseconds (the forms of {@code start} and {@code stop} of the data), or null.
     *
     * @throws ApiException 400 {@code {"name": ["Enter a valid date/time."]}}
     */
    public static Long dateTime(MultiValueMap<String, String> query, String name) {
        String value = text(query, name);
        if (value == null) {
            return null;
        }
        OptionalLong micros = QueryTimes.epochMicros(value);
        if (micros.isEmpty()) {
            throw invalid(name, INVALID_DATE_TIME);
        }
        return micros.getAsLong();
    }

    /**
     * A number parameter ({@code NumberFilter}), or null.
     *
     * @throws ApiException 400 {@code {"name": ["Enter a number."]}}
     */
    public static BigDecimal number(MultiValueMap<String, String> query, String name) {
        String value = text(query, name);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw invalid(name, INVALID_NUMBER);
        }
    }

    /** A boolean parameter as django-filter's {@code BooleanWidget} reads it: true/1, false/0; anything else filters nothing. */
    public static Boolean bool(MultiValueMap<String, String> query, String name) {
        String value = text(query, name);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** True when {@code value} contains {@code part}, ignoring case (a null value contains nothing). */
    public static boolean containsIgnoringCase(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** True when the time (epoch ms, null for none) lies within the bounds (epoch µs, null for none), bounds included. */
    public static boolean within(Long millis, Long fromMicros, Long toMicros) {
        if (fromMicros == null && toMicros == null) {
            return true;
        }
        if (millis == null) {
            return false;
        }
        long micros = millis * 1000;
        return (fromMicros == null || micros >= fromMicros) && (toMicros == null || micros <= toMicros);
    }

    static ApiException invalid(String name, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of(name, List.of(message)));
    }
}
