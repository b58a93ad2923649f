package io.insiders.api.devices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The custom name's rules: at most 60 characters of letters, digits, space and {@code _ - . ' ( ) #}, as the
 * Django REST Framework serializer checked them ({@code CharField(max_length=60, allow_null=True)} with a
 * regex validator: every failed rule is reported).
 */
final class CustomNames {

    static final int MAX_LENGTH = 60;
    static final String TOO_LONG = "Ensure this field has no more than " + MAX_LENGTH + " characters.";
    static final String INVALID = "Enter a valid value: letters, digits, spaces and _ - . ' ( ) # only.";
    /** Python's {@code \w} (Unicode letters, digits and underscore), space, and the punctuation allowed. */
    static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{N}_ \\-.'()#]*");

    private CustomNames() {
    }

    /**
     * The custom name a body's {@code custom_name} gives: null removes it; a number is read as its text.
     *
     * @throws ApiException 400 {@code {"custom_name": [...]}}
     */
    static String read(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean || !(value instanceof String || value instanceof Number)) {
            throw invalid(List.of("Not a valid string."));
        }
        String name = value.toString();
        if (name.isBlank()) {
            throw invalid(List.of("This field may not be blank."));
        }
        name = name.strip();
        List<String> errors = new ArrayList<>();
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            errors.add(TOO_LONG);
        }
        if (!ALLOWED.matcher(name).matches()) {
            errors.add(INVALID);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return name;
    }

    private static ApiException invalid(List<String> messages) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of("custom_name", messages));
    }
}
