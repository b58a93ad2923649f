package io.insiders.stream.enrichment;

import java.util.ArrayList;
import java.util.List;

import io.insiders.stream.enrichment.geometry.FieldGeometry;
import io.insiders.stream.enrichment.geometry.GeoPoint;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A field (pitch) as it is kept on {@code insiders.fields}, keyed by its id:
 * {@code {"id": 3, "name": "Jean-Bouin", "corners": [{"latitude": 48.84, "longitude": 2.25}, ...]}}
 * with the four corners in order: the origin, the corner along the length, the opposite corner, the
 * corner along the width. A null value deletes the field.
 *
 * @param id the field's id
 * @param name its name
 * @param geometry its corners and the projection they define
 */
public record FieldDefinition(long id, String name, FieldGeometry geometry) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads a field record.
     *
     * @throws IllegalArgumentException when the record is malformed, with the reason
     */
    public static FieldDefinition fromJson(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a field must be a JSON object");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.canConvertToExactIntegral() || id.asLong() <= 0) {
            throw new IllegalArgumentException("id is required and must be a positive integer");
        }
        JsonNode name = node.get("name");
        String fieldName = name == null || name.isNull() ? "" : name.asString();
        JsonNode corners = node.get("corners");
        if (corners == null || !corners.isArray() || corners.size() != 4) {
            throw new IllegalArgumentException("corners must be an array of exactly 4 {latitude, longitude} objects");
        }
        List<GeoPoint> points = new ArrayList<>(4);
        for (JsonNode corner : corners) {
            JsonNode lat = corner.get("latitude");
            JsonNode lon = corner.get("longitude");
            if (lat == null || lon == null || !lat.isNumber() || !lon.isNumber()) {
                throw new IllegalArgumentException("each corner needs a numeric latitude and longitude");
            }
            points.add(new GeoPoint(lat.asDouble(), lon.asDouble()));
        }
        return new FieldDefinition(id.asLong(), fieldName, FieldGeometry.of(fieldName, points));
    }

    /** The record as {@code insiders.fields} carries it. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("name", name);
        ArrayNode corners = node.putArray("corners");
        for (GeoPoint corner : geometry.corners()) {
            corners.addObject().put("latitude", corner.latitude()).put("longitude", corner.longitude());
        }
        return JSON.writeValueAsBytes(node);
    }
}
