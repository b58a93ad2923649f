package io.insiders.api.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.insiders.api.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * Reads a field from a request body, with Django REST Framework's messages: {@code name} (at most
 * {@value #NAME_MAX_LENGTH} characters), {@code corners} (exactly four {@code {latitude, longitude}}, which the
 * pipeline accepts as a field: {@link FieldShape}). Every error is answered at once.
 */
final class FieldForm {

    static final int NAME_MAX_LENGTH = 100;
    static final int CORNERS = 4;
    static final String NAME = "name";
    static final String CORNERS_FIELD = "corners";

    private FieldForm() {
    }

    /**
     * The name and corners the body gives.
     *
     * @param partial true for PATCH: nothing is required, and what is absent is null in the answer
     * @throws io.insiders.api.web.ApiException 400 with every error
     */
    static FieldChange read(JsonNode body, boolean partial) {
        JsonNode object = ValidationErrors.object(body);
        ValidationErrors errors = new ValidationErrors();
        String name = errors.string(object, NAME, !partial, NAME_MAX_LENGTH);
        List<Corner> corners = corners(object, partial, errors);
        errors.check();
        return FieldChange.create(name, corners);
    }

    private static List<Corner> corners(JsonNode object, boolean partial, ValidationErrors errors) {
        JsonNode value = object.get(CORNERS_FIELD);
        if (value == null || value.isMissingNode()) {
            if (!partial) {
                errors.add(CORNERS_FIELD, ValidationErrors.REQUIRED);
            }
            return null;
        }
        if (value.isNull()) {
            errors.add(CORNERS_FIELD, ValidationErrors.NOT_NULL);
            return null;
        }
        if (!value.isArray()) {
            errors.add(CORNERS_FIELD, ValidationErrors.notAList(value));
            return null;
        }
        if (value.size() < CORNERS) {
            errors.add(CORNERS_FIELD, "Ensure this field has at least " + CORNERS + " elements.");
            return null;
        }
        if (value.size() > CORNERS) {
            errors.add(CORNERS_FIELD, "Ensure this field has no more than " + CORNERS + " elements.");
            return null;
        }
        List<Corner> corners = new ArrayList<>(CORNERS);
        List<Map<String, Object>> cornerErrors = new ArrayList<>(CORNERS);
        boolean wrong = false;
        for (JsonNode item : value) {
            ValidationErrors itemErrors = new ValidationErrors();
            if (!item.isObject()) {
                itemErrors.add(ValidationErrors.NON_FIELD_ERRORS, ValidationErrors.notADictionary(item));
            } else {
                Double latitude = itemErrors.number(item, "latitude", -90, 90);
                Double longitude = itemErrors.number(item, "longitude", -180, 180);
                if (itemErrors.isEmpty()) {
                    corners.add(new Corner(latitude, longitude));
                }
            }
            wrong |= !itemErrors.isEmpty();
            cornerErrors.add(new LinkedHashMap<>(itemErrors.asMap()));
        }
        if (wrong) {
            errors.put(CORNERS_FIELD, cornerErrors);
            return null;
        }
        FieldShape.problem(corners).ifPresent(problem -> errors.add(CORNERS_FIELD, problem));
        return errors.has(CORNERS_FIELD) ? null : corners;
    }
}
