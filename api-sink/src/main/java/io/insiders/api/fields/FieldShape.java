package io.insiders.api.fields;

import java.util.List;
import java.util.Optional;

import io.insiders.stream.enrichment.FieldDefinition;
import io.insiders.stream.enrichment.geometry.FieldGeometry;
import io.insiders.stream.enrichment.geometry.GeoPoint;

/**
 * The pipeline's own rules for a field's corners ({@link FieldGeometry}: at least 1 m apart, a convex
 * quadrilateral in order, no angle flatter than 1 degree, at most 1 km each way), so that the API accepts
 * exactly the fields the enrichment can use, and the record it reads from {@code insiders.fields}.
 */
final class FieldShape {

    /** The name the geometry is checked under; its messages are then worded without it. */
    private static final String PLACEHOLDER = "x";
    private static final String PREFIX = "field '" + PLACEHOLDER + "'";

    private FieldShape() {
    }

    /** What is wrong with these four corners, in a sentence, or empty when the pipeline accepts them. */
    static Optional<String> problem(List<Corner> corners) {
        try {
            geometry(PLACEHOLDER, corners);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(sentence(e.getMessage()));
        }
    }

    /** The record of the field on {@code insiders.fields}, as the pipeline reads it ({@link FieldDefinition}). */
    static byte[] record(Field field) {
        return new FieldDefinition(field.id(), field.name(), geometry(field.name(), field.corners())).toJson();
    }

    private static FieldGeometry geometry(String name, List<Corner> corners) {
        return FieldGeometry.of(name, corners.stream().map(c -> new GeoPoint(c.latitude(), c.longitude())).toList());
    }

    /** "field 'x': corners 1 and 2 are..." as "Corners 1 and 2 are....", "field 'x' is degenerate..." as "The field is...". */
    private static String sentence(String message) {
        String text;
        if (message.startsWith(PREFIX + ": ")) {
            text = message.substring(PREFIX.length() + 2);
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        } else if (message.startsWith(PREFIX + " ")) {
            text = "The field " + message.substring(PREFIX.length() + 1);
        } else {
            text = message;
        }
        return text.endsWith(".") ? text : text + ".";
    }
}
