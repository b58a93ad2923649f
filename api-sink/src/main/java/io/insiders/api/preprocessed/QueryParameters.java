package io.insiders.api.preprocessed;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * The query parameters of the preprocessed-data endpoints, read as the Django REST Framework service
 * before this one read them: a parameter given twice counts with its last value, integers are read
 * as Python's {@code int()} reads them (spaces around, a sign), and the errors carry DRF's messages.
 */
public final class QueryParameters {

    static final String INVALID_INTEGER = "A valid integer is required.";

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** What DRF's IntegerField strips before reading: a decimal point followed by zeros only ("5.0"). */
    private static final Pattern ZERO_DECIMALS = Pattern.compile("\\.0*\\s*$");
    private static final int MAX_STRING_LENGTH = 1000;

    private QueryParameters() {
    }

    /** The last value of {@code name}, or null when the query lacks it. */
    public static String value(MultiValueMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /**
     * An optional integer parameter within [min, max], as DRF's {@code IntegerField(min_value, max_value)}:
     * absent or empty gives {@code byDefault}; anything else that is not an integer in range is a 400 naming it.
     */
    static int boundedInteger(MultiValueMap<String, String> query, String name, int byDefault, int min, int max) {
        String raw = value(query, name);
        if (raw == null || raw.isEmpty()) {
            return byDefault;
        }
        if (raw.length() > MAX_STRING_LENGTH) {
            throw invalid(name, "String value too large.");
        }
        BigInteger number = integer(ZERO_DECIMALS.matcher(raw).replaceFirst(""));
        if (number == null) {
            throw invalid(name, INVALID_INTEGER);
        }
        if (number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(name, "Ensure this value is less than or equal to " + max + ".");
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0) {
            throw invalid(name, "Ensure this value is greater than or equal to " + min + ".");
        }
        return number.intValue();
    }

    /** {@code text} read as Python's {@code int()} reads a string, or null when it is not an integer. */
    static BigInteger integer(String text) {
        String trimmed = text.strip();
        return INTEGER.matcher(trimmed).matches() ? new BigInteger(trimmed) : null;
    }

    /** A 400 with one message for one parameter. */
    static ApiException invalid(String name, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of(name, List.of(message)));
    }
}
