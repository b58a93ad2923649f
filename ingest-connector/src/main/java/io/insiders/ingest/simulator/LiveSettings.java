package io.insiders.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link LivePublisher} plays.
 *
 * @param fleet             the devices
 * @param pitch             where their players run
 * @param format            Avro or JSON, which also chooses the topic
 * @param batching          one frame per message, or a device's second per message
 * @param pace              wall-clock pace, or as fast as possible
 * @param start             for {@link Pace#MAX}, the time of the first frame; null for now minus the duration. Must be null
 *                          for {@link Pace#REALTIME}, whose frames are stamped with the time they are sent
 * @param duration          the period played; null for until stopped ({@link Pace#REALTIME}) or {@link #DEFAULT_MAX_DURATION}
 *                          ({@link Pace#MAX})
 * @param provision         whether to publish each device's record on {@code insiders.devices.provisioning} first
 * @param provisioningPause how long to wait after provisioning before the first frame, so that the pipeline knows the
 *                          devices when their frames arrive (it refuses frames of unknown devices)
 */
public record LiveSettings(Fleet fleet, PitchModel pitch, FrameFormat format, Batching batching, Pace pace, Instant start,
        Duration duration, boolean provision, Duration provisioningPause) {

    /** The period played at {@link Pace#MAX} when no duration is given. */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);
    /** The default pause after provisioning. */
    public static final Duration DEFAULT_PROVISIONING_PAUSE = Duration.ofSeconds(2);
    /** The default number of devices. */
    public static final int DEFAULT_DEVICES = 10;

    /** Checks the settings hang together. */
    public LiveSettings {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(pitch, "pitch");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(batching, "batching");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(provisioningPause, "provisioningPause");
        if (start != null && pace == Pace.REALTIME) {
            throw new IllegalArgumentException("a start time applies to the max pace only: real-time frames are stamped now");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("the duration must be positive, not " + duration);
        }
        if (provisioningPause.isNegative()) {
            throw new IllegalArgumentException("a negative provisioning pause: " + provisioningPause);
        }
    }

    /** 10 devices of the default fleet on the default pitch, Avro, one frame per message, real time, until stopped. */
    public static LiveSettings defaults() {
        return new LiveSettings(Fleet.of(DEFAULT_DEVICES), PitchModel.paris(), FrameFormat.AVRO, Batching.SINGLE, Pace.REALTIME,
                null, null, false, DEFAULT_PROVISIONING_PAUSE);
    }

    public LiveSettings withFleet(Fleet newFleet) {
        return new LiveSettings(newFleet, pitch, format, batching, pace, start, duration, provision, provisioningPause);
    }

    /** The same settings with {@code devices} devices of the same fleet. */
    public LiveSettings withDevices(int devices) {
        return withFleet(fleet.withCount(devices));
    }

    public LiveSettings withSeed(long seed) {
        return withFleet(fleet.withSeed(seed));
    }

    public LiveSettings withPitch(PitchModel newPitch) {
        return new LiveSettings(fleet, newPitch, format, batching, pace, start, duration, provision, provisioningPause);
    }

    public LiveSettings withFormat(FrameFormat newFormat) {
        return new LiveSettings(fleet, pitch, newFormat, batching, pace, start, duration, provision, provisioningPause);
    }

    public LiveSettings withBatching(Batching newBatching) {
        return new LiveSettings(fleet, pitch, format, newBatching, pace, start, duration, provision, provisioningPause);
    }

    /** The same settings at another pace; a start time is dropped for {@link Pace#REALTIME}. */
    public LiveSettings withPace(Pace newPace) {
        return new LiveSettings(fleet, pitch, format, batching, newPace, newPace == Pace.REALTIME ? null : start, duration,
                provision, provisioningPause);
    }

    public LiveSettings withStart(Instant newStart) {
        return new LiveSettings(fleet, pitch, format, batching, pace, newStart, duration, provision, provisioningPause);
    }

    public LiveSettings withDuration(Duration newDuration) {
        return new LiveSettings(fleet, pitch, format, batching, pace, start, newDuration, provision, provisioningPause);
    }

    public LiveSettings withProvision(boolean newProvision) {
        return new LiveSettings(fleet, pitch, format, batching, pace, start, duration, newProvision, provisioningPause);
    }

    public LiveSettings withProvisioningPause(Duration pause) {
        return new LiveSettings(fleet, pitch, format, batching, pace, start, duration, provision, pause);
    }
}
