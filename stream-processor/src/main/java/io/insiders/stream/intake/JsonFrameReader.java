package io.insiders.stream.intake;

import java.util.ArrayList;
import java.util.List;

import io.insiders.schemas.Frame;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON frames of {@code insiders.frames.json}: one object, or an array of objects (a
 * device sending one second of fixes at once), with the flat keys of the API's data rows.
 *
 * <p>{@code device_name} and {@code timestamp} are required; every other known key may be missing
 * or null. Unknown keys are ignored, so producers may send more than the pipeline reads.
 */
public final class JsonFrameReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One element of a message: a frame, or why that element was refused.
     *
     * @param index the element's position in an array, 0 for a single object
     * @param frame the frame, or null when refused
     * @param rejection why the element was refused, or null
     */
    public record Element(int index, Frame frame, Rejection rejection) {
    }

    private JsonFrameReader() {
    }

    /**
     * Reads a message.
     *
     * @return its elements in order; a message that is not JSON at all is one refused element
     */
    public static List<Element> read(byte[] message) {
        JsonNode root;
        try {
            root = message == null ? null : JSON.readTree(message);
        } catch (JacksonException e) {
            return List.of(new Element(0, null, Rejection.of(Rejection.Reason.UNREADABLE,
                    "not JSON: " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of(new Element(0, null, Rejection.of(Rejection.Reason.UNREADABLE, "empty message")));
        }
        if (root.isObject()) {
            return List.of(element(0, root, ""));
        }
        if (!root.isArray()) {
            return List.of(new Element(0, null, Rejection.of(Rejection.Reason.UNREADABLE,
                    "a JSON frame must be an object or an array of objects, not " + root.getNodeType())));
        }
        if (root.isEmpty()) {
            return List.of(new Element(0, null, Rejection.of(Rejection.Reason.UNREADABLE, "empty array")));
        }
        List<Element> elements = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            elements.add(element(i, root.get(i), "element " + i + ": "));
        }
        return elements;
    }

    private static Element element(int index, JsonNode node, String where) {
        if (!node.isObject()) {
            return new Element(index, null, Rejection.of(Rejection.Reason.UNREADABLE,
                    where + "a JSON frame must be an object, not " + node.getNodeType()));
        }
        try {
            JsonNode device = node.get("device_name");
            if (device == null || device.isNull() || (device.isString() && device.asString().isBlank())) {
                return new Element(index, null, Rejection.of(Rejection.Reason.MISSING_DEVICE, where + "device_name is required"));
            }
            if (!device.isString()) {
                throw new IllegalArgumentException("device_name must be a string");
            }
            JsonNode time = node.get("timestamp");
            if (time == null || time.isNull()) {
                return new Element(index, null, Rejection.of(Rejection.Reason.MISSING_TIME,
                        where + "timestamp (epoch milliseconds) is required"));
            }
            Frame frame = Frame.newBuilder()
                    .setDeviceName(device.asString())
                    .setTimestamp(integer(time, "timestamp"))
                    .setLatitude(decimal(node, "gnss.latitude"))
                    .setLongitude(decimal(node, "gnss.longitude"))
                    .setAltitude(decimal(node, "gnss.altitude"))
                    .setSpeed(decimal(node, "gnss.speed"))
                    .setGnssTimestamp(optionalInteger(node, "gnss.timestamp"))
                    .setHeartRate(heartRate(node))
                    .build();
            return new Element(index, frame, null);
        } catch (IllegalArgumentException e) {
            return new Element(index, null, Rejection.of(Rejection.Reason.UNREADABLE, where + e.getMessage()));
        }
    }

    private static Double decimal(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number or null, not " + value);
        }
        return value.asDouble();
    }

    private static Long optionalInteger(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : integer(value, key);
    }

    private static long integer(JsonNode value, String key) {
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(key + " must be an integer (epoch milliseconds), not " + value);
        }
        return value.asLong();
    }

    private static Integer heartRate(JsonNode node) {
        Long value = optionalInteger(node, "ecg.hr");
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ecg.hr " + value + " is not a heart rate");
        }
        return value.intValue();
    }
}
