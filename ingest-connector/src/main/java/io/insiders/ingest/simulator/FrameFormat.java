package io.insiders.ingest.simulator;

import java.util.Locale;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;

/** How frames are published: Avro on {@code insiders.frames.raw} or JSON on {@code insiders.frames.json}. */
public enum FrameFormat {

    /** Avro single-object encoding of the current {@code Frame} schema, one record per frame. */
    AVRO(Topics.FRAMES_RAW),
    /** The flat JSON of {@link FrameJson}; a second's batch is one JSON array. */
    JSON(Topics.FRAMES_JSON);

    private final String topic;

    FrameFormat(String topic) {
        this.topic = topic;
    }

    /** The topic frames of this format go to. */
    public String topic() {
        return topic;
    }

    /** One frame in this format. */
    public byte[] encode(Frame frame) {
        return this == AVRO ? Serdes.frame().encode(frame) : FrameJson.object(frame);
    }

    /** The format named {@code name}, in any case ({@code avro} or {@code json}). */
    public static FrameFormat parse(String name) {
        return Options.parse(FrameFormat.class, name);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
