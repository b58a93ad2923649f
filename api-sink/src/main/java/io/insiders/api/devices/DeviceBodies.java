package io.insiders.api.devices;

import java.util.List;
import java.util.Map;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;

/** The fields of request bodies, read as Django REST Framework's {@code CharField(required=False)} reads them. */
final class DeviceBodies {

    private DeviceBodies() {
    }

    /**
     * The field's text, or null when it is absent; a number is read as its text.
     *
     * @throws ApiException 400 for null, a blank text, or a value that is not a string
     */
    static String optionalText(Map<String, Object> body, String name) {
        if (body == null || !body.containsKey(name)) {
            return null;
        }
        Object value = body.get(name);
        if (value == null) {
            throw field(name, "This field may not be null.");
        }
        if (value instanceof Boolean || !(value instanceof String || value instanceof Number)) {
            throw field(name, "Not a valid string.");
        }
        String text = value.toString().strip();
        if (text.isEmpty()) {
            throw field(name, "This field may not be blank.");
        }
        return text;
    }

    static ApiException field(String name, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of(name, List.of(message)));
    }

    static ApiException nonField(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, Map.of("non_field_errors", List.of(message)));
    }
}
