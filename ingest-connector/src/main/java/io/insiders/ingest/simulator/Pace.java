package io.insiders.ingest.simulator;

import java.util.Locale;

/** How fast frames are published. */
public enum Pace {

    /** At wall-clock pace: each frame when its time comes, stamped with the time it is sent. */
    REALTIME,
    /** As fast as the producer takes them, the frames of a past period. */
    MAX;

    /** The pace named {@code name}, in any case ({@code realtime} or {@code max}). */
    public static Pace parse(String name) {
        return Options.parse(Pace.class, name);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
