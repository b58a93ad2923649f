package io.insiders.api.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON object the way Django REST Framework's serializers do, collecting every
 * error with DRF's own messages, so that one 400 answer lists them all: {@code {"field": ["..."]}}, a
 * nested object's errors nested under its field.
 */
public final class Form {

    /** The error key for a rule over the whole body. */
    public static final String NON_FIELD_ERRORS = "non_field_errors";
    public static final String REQUIRED = "This field is required.";
    public static final String NOT_NULL = "This field may not be null.";
    public static final String NOT_BLANK = "This field may not be blank.";
    public static final String NOT_A_STRING = "Not a valid string.";

    private final JsonNode node;
    private final boolean partial;
    private final Map<String, Object> errors = new LinkedHashMap<>();

    private Form(JsonNode node, boolean partial) {
        this.node = node;
        this.partial = partial;
    }

    /**
     * The body's fields; a missing body counts as an empty object.
     *
     * @param partial true for a partial update (PATCH): no field is required
     * @throws ApiException 400 when the body is not a JSON object
     */
    public static Form of(JsonBody body, boolean partial) {
        JsonNode node = body == null ? null : body.node();
        if (node == null || node.isMissingNode()) {
            return new Form(null, partial);
        }
        if (!node.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Map.of(NON_FIELD_ERRORS, List.of(notADictionary(node))));
        }
        return new Form(node, partial);
    }

    /** The nested object under {@code field}, read with the same rules; its errors go under {@code field}. */
    Form nested(String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return new Form(null, partial);
        }
        return new Form(value, partial);
    }

    /** True when the body has the field (null included). */
    public boolean has(String field) {
        return node != null && node.has(field);
    }

    /**
     * A string field, as DRF's {@code CharField}: numbers are taken as their text, other types refused.
     *
     * @param required whether a full (non-partial) body must have it
     * @param allowNull whether {@code null} is accepted (and returned as null)
     * @param allowBlank whether an empty string is accepted
     * @param trim whether spaces around the value are dropped (everything but passwords)
     * @param maxLength the longest value accepted, in characters
     * @return the value; null when absent, null, or in error
     */
    public String string(String field, boolean required, boolean allowNull, boolean allowBlank, boolean trim, int maxLength) {
        if (!has(field)) {
            if (required && !partial) {
                error(field, REQUIRED);
            }
            return null;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            if (!allowNull) {
                error(field, NOT_NULL);
            }
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            error(field, NOT_A_STRING);
            return null;
        }
        String text = value.asString();
        if (trim) {
            text = text.strip();
        }
        if (text.isEmpty() && !allowBlank) {
            error(field, NOT_BLANK);
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            error(field, "Ensure this field has no more than " + maxLength + " characters.");
        }
        return text;
    }

    /** Checks that the nested object under {@code field}, when given, is an object (or null when allowed). */
    boolean object(String field, boolean allowNull) {
        if (!has(field)) {
            return false;
        }
        JsonNode value = node.get(field);
        if (value.isNull()) {
            if (!allowNull) {
                error(field, NOT_NULL);
            }
            return false;
        }
        if (!value.isObject()) {
            errors.put(field, Map.of(NON_FIELD_ERRORS, List.of(notADictionary(value))));
            return false;
        }
        return true;
    }

    /** Adds a message to a field's errors. */
    @SuppressWarnings("unchecked")
    public void error(String field, String message) {
        Object existing = errors.computeIfAbsent(field, f -> new ArrayList<String>());
        if (existing instanceof List<?> list) {
            ((List<String>) list).add(message);
        }
    }

    /** Puts a nested form's errors under {@code field}. */
    void nestedErrors(String field, Form nested) {
        if (!nested.errors.isEmpty()) {
            errors.put(field, nested.errors);
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** True when the field has an error already. */
    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** @throws ApiException 400 with every error, when there is one */
    public void check() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
    }

    private static String notADictionary(JsonNode value) {
        String type;
        if (value.isArray()) {
            type = "list";
        } else if (value.isString()) {
            type = "str";
        } else if (value.isBoolean()) {
            type = "bool";
        } else if (value.isIntegralNumber()) {
            type = "int";
        } else if (value.isNumber()) {
            type = "float";
        } else {
            type = "NoneType";
        }
        return "Invalid data. Expected a dictionary, but got " + type + ".";
    }
}
