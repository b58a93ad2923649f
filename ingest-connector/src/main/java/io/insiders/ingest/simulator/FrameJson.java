package io.insiders.ingest.simulator;

import java.io.ByteArrayOutputStream;
import java.util.List;

import io.insiders.schemas.Frame;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames as JSON for {@code insiders.frames.json}: the flat keys of {@code docs/topics.md}, in that order. Every key is
 * always written; a value the frame lacks (the heart rate between two readings) is written as {@code null}, which the
 * pipeline reads as absent.
 */
public final class FrameJson {

    /** The keys of a JSON frame, in the order they are written. */
    public static final List<String> KEYS = List.of("device_name", "timestamp", "gnss.latitude", "gnss.longitude",
            "gnss.altitude", "gnss.speed", "gnss.timestamp", "ecg.hr");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FRAME_SIZE = 200;

    private FrameJson() {
    }

    /** One frame as a JSON object. */
    public static byte[] object(Frame frame) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(FRAME_SIZE);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            write(json, frame);
        }
        return bytes.toByteArray();
    }

    /** Frames as one JSON array, the way a device sends a second of fixes at once. */
    public static byte[] array(List<Frame> frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(FRAME_SIZE * Math.max(1, frames.size()));
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartArray();
            for (Frame frame : frames) {
                write(json, frame);
            }
            json.writeEndArray();
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator json, Frame frame) {
        json.writeStartObject();
        json.writeStringProperty(KEYS.get(0), frame.getDeviceName());
        json.writeNumberProperty(KEYS.get(1), frame.getTimestamp());
        number(json, KEYS.get(2), frame.getLatitude());
        number(json, KEYS.get(3), frame.getLongitude());
        number(json, KEYS.get(4), frame.getAltitude());
        number(json, KEYS.get(5), frame.getSpeed());
        if (frame.getGnssTimestamp() == null) {
            json.writeNullProperty(KEYS.get(6));
        } else {
            json.writeNumberProperty(KEYS.get(6), frame.getGnssTimestamp().longValue());
        }
        if (frame.getHeartRate() == null) {
            json.writeNullProperty(KEYS.get(7));
        } else {
            json.writeNumberProperty(KEYS.get(7), frame.getHeartRate().intValue());
        }
        json.writeEndObject();
    }

    private static void number(JsonGenerator json, String key, Double value) {
        if (value == null) {
            json.writeNullProperty(key);
        } else {
            json.writeNumberProperty(key, value.doubleValue());
        }
    }
}
