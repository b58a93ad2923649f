package io.insiders.api.bluetooth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.insiders.api.web.ApiException;
import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.Pairing;
import org.springframework.http.HttpStatus;

/**
 * A {@code PATCH .../bluetooth-config/} request read as Django REST Framework's serializers would read it: a partial
 * update of the target where a slot given an object sets it, a slot given {@code null} empties it and a slot left out
 * stays as it is; unknown keys are ignored; strings are trimmed. Every error of the body and the query is reported
 * at once, nested per slot: {@code {"pairing_1": {"mac_address": ["..."]}}}.
 *
 * @param set the slots to set
 * @param remove the slots to empty
 * @param immediate the query's {@code immediate_sending}
 */
record BluetoothRequest(Map<String, Pairing> set, List<String> remove, boolean immediate) {

    /** The longest name of a paired sensor. */
    static final int MAX_NAME_LENGTH = 64;

    static final String INVALID_MAC = "Enter a valid MAC address: six pairs of hexadecimal digits separated by colons,"
            + " e.g. 02:32:f8:26:fa:ae.";
    static final String INVALID_BOOLEAN = "Must be a valid boolean.";

    /** DRF's {@code BooleanField}: the words it takes for true and false. */
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "t", "T", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON", "1");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "f", "F", "no", "No", "NO", "n", "N", "off", "Off", "OFF",
            "0");
    private static final List<String> SLOTS = List.of(BluetoothConfig.PAIRING_1, BluetoothConfig.PAIRING_2);

    /**
     * Reads the request.
     *
     * @param body the JSON body as Jackson reads it into plain values (null when there is none: nothing changes)
     * @param immediateSending the query parameter, or null
     * @throws ApiException 400 with every error found
     */
    static BluetoothRequest read(Object body, String immediateSending) {
        Map<String, Object> errors = new LinkedHashMap<>();
        boolean immediate = false;
        if (immediateSending != null && !immediateSending.isEmpty()) {
            if (TRUE.contains(immediateSending)) {
                immediate = true;
            } else if (!FALSE.contains(immediateSending)) {
                errors.put("immediate_sending", List.of(INVALID_BOOLEAN));
            }
        }
        Map<String, Pairing> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        if (body != null && !(body instanceof Map)) {
            errors.put("non_field_errors", List.of("Invalid data. Expected a dictionary, but got " + typeName(body) + "."));
        } else if (body instanceof Map<?, ?> fields) {
            for (String slot : SLOTS) {
                if (!fields.containsKey(slot)) {
                    continue;
                }
                Object value = fields.get(slot);
                if (value == null) {
                    remove.add(slot);
                    continue;
                }
                Map<String, List<String>> slotErrors = new LinkedHashMap<>();
                Pairing pairing = pairing(value, slotErrors);
                if (slotErrors.isEmpty()) {
                    set.put(slot, pairing);
                } else {
                    errors.put(slot, slotErrors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, errors);
        }
        return new BluetoothRequest(set, remove, immediate);
    }

    private static Pairing pairing(Object value, Map<String, List<String>> errors) {
        if (!(value instanceof Map<?, ?> fields)) {
            errors.put("non_field_errors", List.of("Invalid data. Expected a dictionary, but got " + typeName(value) + "."));
            return null;
        }
        String mac = text(fields, "mac_address", true, errors);
        if (mac != null && !Pairing.MAC_ADDRESS.matcher(mac).matches()) {
            errors.put("mac_address", List.of(INVALID_MAC));
        }
        String name = text(fields, "name", false, errors);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            errors.put("name", List.of("Ensure this field has no more than " + MAX_NAME_LENGTH + " characters."));
        }
        return errors.isEmpty() ? new Pairing(mac, name) : null;
    }

    /** A string field, trimmed; null (with its error, when it is required or malformed) when it is missing or not a string. */
    private static String text(Map<?, ?> fields, String field, boolean required, Map<String, List<String>> errors) {
        if (!fields.containsKey(field)) {
            if (required) {
                errors.put(field, List.of("This field is required."));
            }
            return null;
        }
        Object value = fields.get(field);
        if (value == null) {
            errors.put(field, List.of("This field may not be null."));
            return null;
        }
        if (!(value instanceof String text)) {
            errors.put(field, List.of("Not a valid string."));
            return null;
        }
        String trimmed = text.strip();
        if (required && trimmed.isEmpty()) {
            errors.put(field, List.of("This field may not be blank."));
            return null;
        }
        return trimmed;
    }

    /** The Python name of a JSON value's type, as DRF's messages give it. */
    private static String typeName(Object value) {
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return "int";
        }
        if (value instanceof Number) {
            return "float";
        }
        return value.getClass().getSimpleName();
    }
}
