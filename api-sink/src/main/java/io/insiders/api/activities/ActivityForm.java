package io.insiders.api.activities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.insiders.api.preprocessed.QueryTimes;
import io.insiders.api.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * Reads an activity from a request body, with Django REST Framework's messages: {@code name} (required, at most
 * {@value #NAME_MAX_LENGTH} characters), {@code field} (a field's id, or null), {@code timeframes} (at most
 * {@value #MAX_TIMEFRAMES}, each {@code {"start_time", "end_time", "devices": [ids]}} with the end after the start and
 * at most {@value #MAX_DEVICES} devices). Whether the field and devices are the manager's is the registry's to check
 * ({@link ActivityRules}). Every error is answered at once.
 */
final class ActivityForm {

    static final int NAME_MAX_LENGTH = 100;
    static final int MAX_TIMEFRAMES = 100;
    static final int MAX_DEVICES = 1000;
    static final String NAME = "name";
    static final String FIELD = "field";
    static final String TIMEFRAMES = "timeframes";
    static final String DEVICES = "devices";
    static final String END_BEFORE_START = "end_time must be after start_time.";

    private ActivityForm() {
    }

    /**
     * The activity the body gives.
     *
     * @param partial true for PATCH: nothing is required, and what is absent is kept
     * @throws io.insiders.api.web.ApiException 400 with every error
     */
    static ActivityChange read(JsonNode body, boolean partial) {
        JsonNode object = ValidationErrors.object(body);
        ValidationErrors errors = new ValidationErrors();
        String name = errors.string(object, NAME, !partial, NAME_MAX_LENGTH);
        boolean fieldGiven = object.has(FIELD);
        Long field = fieldGiven ? id(object.get(FIELD), FIELD, errors) : null;
        // Left out, the field and the timeframes are none for a new activity, and kept by an update (PUT too, as DRF does
        // with fields that are not required).
        List<Timeframe> timeframes = timeframes(object, errors);
        errors.check();
        return new ActivityChange(null, name, fieldGiven, field, timeframes);
    }

    /** A related object's id, as DRF's {@code PrimaryKeyRelatedField} reads it: an integer or its digits; null allowed. */
    private static Long id(JsonNode value, String name, ValidationErrors errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isString() && value.asString().strip().matches("\\d{1,18}")) {
            return Long.parseLong(value.asString().strip());
        }
        errors.add(name, ValidationErrors.notAnId(value));
        return null;
    }

    private static List<Timeframe> timeframes(JsonNode object, ValidationErrors errors) {
        JsonNode value = object.get(TIMEFRAMES);
        if (value == null || value.isMissingNode()) {
            return null;
        }
        if (value.isNull()) {
            errors.add(TIMEFRAMES, ValidationErrors.NOT_NULL);
            return null;
        }
        if (!value.isArray()) {
            errors.add(TIMEFRAMES, ValidationErrors.notAList(value));
            return null;
        }
        if (value.size() > MAX_TIMEFRAMES) {
            errors.add(TIMEFRAMES, "Ensure this field has no more than " + MAX_TIMEFRAMES + " elements.");
            return null;
        }
        List<Timeframe> timeframes = new ArrayList<>();
        List<Map<String, Object>> itemErrors = new ArrayList<>();
        boolean wrong = false;
        for (JsonNode item : value) {
            ValidationErrors problems = new ValidationErrors();
            Timeframe timeframe = timeframe(item, problems);
            if (timeframe != null) {
                timeframes.add(timeframe);
            }
            wrong |= !problems.isEmpty();
            itemErrors.add(new LinkedHashMap<>(problems.asMap()));
        }
        if (wrong) {
            errors.put(TIMEFRAMES, itemErrors);
            return null;
        }
        return timeframes;
    }

    private static Timeframe timeframe(JsonNode item, ValidationErrors errors) {
        if (!item.isObject()) {
            errors.add(ValidationErrors.NON_FIELD_ERRORS, ValidationErrors.notADictionary(item));
            return null;
        }
        Long start = time(item, "start_time", errors);
        Long end = time(item, "end_time", errors);
        List<Long> devices = devices(item, errors);
        if (start != null && end != null && end <= start) {
            errors.add(ValidationErrors.NON_FIELD_ERRORS, END_BEFORE_START);
        }
        return errors.isEmpty() ? new Timeframe(start, end, devices) : null;
    }

    /** A time as the API reads them (ISO 8601, or epoch milliseconds), as epoch milliseconds. */
    private static Long time(JsonNode item, String name, ValidationErrors errors) {
        JsonNode value = item.get(name);
        if (value == null || value.isMissingNode()) {
            errors.add(name, ValidationErrors.REQUIRED);
            return null;
        }
        if (value.isNull()) {
            errors.add(name, ValidationErrors.NOT_NULL);
            return null;
        }
        OptionalLong micros = value.isString() ? QueryTimes.epochMicros(value.asString()) : OptionalLong.empty();
        if (micros.isEmpty()) {
            errors.add(name, QueryTimes.INVALID);
            return null;
        }
        return Math.floorDiv(micros.getAsLong(), 1000);
    }

    private static List<Long> devices(JsonNode item, ValidationErrors errors) {
        JsonNode value = item.get(DEVICES);
        if (value == null || value.isMissingNode()) {
            errors.add(DEVICES, ValidationErrors.REQUIRED);
            return null;
        }
        if (value.isNull()) {
            errors.add(DEVICES, ValidationErrors.NOT_NULL);
            return null;
        }
        if (!value.isArray()) {
            errors.add(DEVICES, ValidationErrors.notAList(value));
            return null;
        }
        if (value.size() > MAX_DEVICES) {
            errors.add(DEVICES, "Ensure this field has no more than " + MAX_DEVICES + " elements.");
            return null;
        }
        Set<Long> devices = new LinkedHashSet<>();
        for (JsonNode device : value) {
            if (device.isNull()) {
                errors.add(DEVICES, ValidationErrors.NOT_NULL);
                continue;
            }
            Long id = id(device, DEVICES, errors);
            if (id != null) {
                devices.add(id);
            }
        }
        return errors.has(DEVICES) ? null : List.copyOf(devices);
    }
}
