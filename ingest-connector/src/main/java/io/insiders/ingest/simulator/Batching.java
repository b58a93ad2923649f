package io.insiders.ingest.simulator;

import java.util.Locale;

/** How many frames of a device go in one message. */
public enum Batching {

    /** One message per frame, ten a second per device. */
    SINGLE(1),
    /**
     * One message per device per second, sent when the second is complete: in JSON an array of its ten frames, in Avro
     * (which has no array on the topic) its ten records sent together.
     */
    SECOND(10);

    private final int frames;

    Batching(int frames) {
        this.frames = frames;
    }

    /** Frames of a device per step: 1 or 10. */
    public int frames() {
        return frames;
    }

    /** The batching named {@code name}, in any case ({@code single} or {@code second}). */
    public static Batching parse(String name) {
        return Options.parse(Batching.class, name);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
