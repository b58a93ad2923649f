package io.insiders.api.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The errors of a request body, collected field by field so that one 400 lists them all, in Django REST
 * Framework's shapes: {@code {"name": ["message"]}}, a nested object's errors as an object, a list of nested
 * objects' errors as a list with {@code {}} for the valid ones. The messages are DRF's own ({@link #REQUIRED}...).
 */
public final class ValidationErrors {

    /** The key of an error that concerns several fields of an object. */
    public static final String NON_FIELD_ERRORS = "non_field_errors";
    public static final String REQUIRED = "This field is required.";
    public static final String NOT_NULL = "This field may not be null.";
    public static final String NOT_BLANK = "This field may not be blank.";
    public static final String NOT_A_STRING = "Not a valid string.";
    public static final String NOT_A_NUMBER = "A valid number is required.";
    public static final String NOT_AN_INTEGER = "A valid integer is required.";

    private final Map<String, Object> errors = new LinkedHashMap<>();

    /** Adds a message to a field's list of messages. */
    @SuppressWarnings("unchecked")
    public void add(String field, String message) {
        Object existing = errors.computeIfAbsent(field, f -> new ArrayList<String>());
        if (existing instanceof List<?> list) {
            ((List<Object>) list).add(message);
        }
    }

    /** Sets a field's errors to a nested structure (an object's errors, or a list of them). */
    public void put(String field, Object nested) {
        errors.put(field, nested);
    }

    /** True when the field has an error. */
    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors, by field, in the order they were found. */
    public Map<String, Object> asMap() {
        return errors;
    }

    /** @throws ApiException 400 with every error, when there is one */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
    }

    /**
     * A string field of an object, as DRF's {@code CharField} reads it: numbers are taken as their text, other types
     * refused, spaces around dropped, blank refused.
     *
     * @param required whether the object must have it (false for a partial update)
     * @return the value, or null when it is absent or wrong (the error is added)
     */
    public String string(JsonNode object, String field, boolean required, int maxLength) {
        JsonNode value = object.get(field);
        if (value == null || value.isMissingNode()) {
            if (required) {
                add(field, REQUIRED);
            }
            return null;
        }
        if (value.isNull()) {
            add(field, NOT_NULL);
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            add(field, NOT_A_STRING);
            return null;
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            add(field, NOT_BLANK);
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            add(field, "Ensure this field has no more than " + maxLength + " characters.");
            return null;
        }
        return text;
    }

    /**
     * A number field of an object within [min, max], as DRF's {@code FloatField(min_value, max_value)}: a number, or a
     * string holding one.
     *
     * @return the value, or null when it is absent or wrong (the error is added)
     */
    public Double number(JsonNode object, String field, double min, double max) {
        JsonNode value = object.get(field);
        if (value == null || value.isMissingNode()) {
            add(field, REQUIRED);
            return null;
        }
        if (value.isNull()) {
            add(field, NOT_NULL);
            return null;
        }
        double number;
        if (value.isNumber()) {
            number = value.asDouble();
        } else if (value.isString()) {
            try {
                number = Double.parseDouble(value.asString().strip());
            } catch (NumberFormatException e) {
                add(field, NOT_A_NUMBER);
                return null;
            }
        } else {
            add(field, NOT_A_NUMBER);
            return null;
        }
        if (!Double.isFinite(number)) {
            add(field, NOT_A_NUMBER);
            return null;
        }
        if (number > max) {
            add(field, "Ensure this value is less than or equal to " + plain(max) + ".");
            return null;
        }
        if (number < min) {
            add(field, "Ensure this value is greater than or equal to " + plain(min) + ".");
            return null;
        }
        return number;
    }

    /** A bound as DRF prints it: {@code 90}, not {@code 90.0}. */
    private static String plain(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** DRF's message for a body (or a nested value) that should be an object. */
    public static String notADictionary(JsonNode value) {
        return "Invalid data. Expected a dictionary, but got " + typeName(value) + ".";
    }

    /** DRF's message for a value that should be a list. */
    public static String notAList(JsonNode value) {
        return "Expected a list of items but got type \"" + typeName(value) + "\".";
    }

    /** DRF's message for an id that names nothing the caller may refer to. */
    public static String noSuchObject(Object id) {
        return "Invalid pk \"" + id + "\" - object does not exist.";
    }

    /** DRF's message for an id of the wrong type. */
    public static String notAnId(JsonNode value) {
        return "Incorrect type. Expected pk value, received " + typeName(value) + ".";
    }

    /** The Python type name of a JSON value, as DRF's messages name it. */
    public static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "NoneType";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "dict";
        }
        if (value.isString()) {
            return "str";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isIntegralNumber()) {
            return "int";
        }
        return "float";
    }

    /** The body as an object; a missing body is an empty object. */
    public static JsonNode object(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Map.of(NON_FIELD_ERRORS, List.of(notADictionary(body))));
        }
        return body;
    }
}
