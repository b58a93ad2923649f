package io.insiders.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.insiders.ingest.asi.AsiFix;
import io.insiders.schemas.Frame;

/**
 * The frames one device records over {@code [start, start + duration)}: a {@link Player} sampled at 10 Hz, with a heart
 * rate reading once a second.
 *
 * <p>Frames are made as they are read, so that a 90-minute session (54,000 frames) never sits in memory; each call to
 * {@link #frames()}, {@link #fixes()} or {@link #samples()} replays the session from its start, identically. Timestamps
 * are multiples of 100 ms (the start is rounded down to one); the heart rate is present on the frames of a whole second
 * and null on the nine between. Values are rounded to what a GNSS receiver reports: 1e-7 degree, millimetres,
 * millimetres per second.
 */
public final class SimulatedSession {

    /** Time between two frames, milliseconds. */
    public static final long FRAME_MILLIS = 100L;

    private static final long SECOND_MILLIS = 1000L;

    private final String deviceName;
    private final long seed;
    private final PitchModel pitch;
    private final long startMillis;
    private final long frameCount;

    private SimulatedSession(String deviceName, long seed, PitchModel pitch, long startMillis, long frameCount) {
        this.deviceName = Objects.requireNonNull(deviceName, "deviceName");
        this.seed = seed;
        this.pitch = Objects.requireNonNull(pitch, "pitch");
        this.startMillis = Math.floorDiv(startMillis, FRAME_MILLIS) * FRAME_MILLIS;
        this.frameCount = frameCount;
    }

    /**
     * A session of {@code duration}: {@code ceil(duration / 100 ms)} frames.
     *
     * @param seed the player's seed; see {@link SimulatedDevice#seed()} for a device's own
     */
    public static SimulatedSession of(String deviceName, long seed, PitchModel pitch, Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a negative duration: " + duration);
        }
        long millis = duration.toMillis();
        return new SimulatedSession(deviceName, seed, pitch, start.toEpochMilli(), (millis + FRAME_MILLIS - 1) / FRAME_MILLIS);
    }

    /** A session without end: its iterators never run out. */
    public static SimulatedSession endless(String deviceName, long seed, PitchModel pitch, Instant start) {
        return new SimulatedSession(deviceName, seed, pitch, start.toEpochMilli(), Long.MAX_VALUE);
    }

    public String deviceName() {
        return deviceName;
    }

    public long seed() {
        return seed;
    }

    public PitchModel pitch() {
        return pitch;
    }

    /** Time of the first frame. */
    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** Number of frames; {@link Long#MAX_VALUE} for an endless session. */
    public long frameCount() {
        return frameCount;
    }

    public boolean isEndless() {
        return frameCount == Long.MAX_VALUE;
    }

    /** The samples in time order, made as they are read. */
    public Iterator<Sample> samples() {
        return new Cursor();
    }

    /** The frames in time order, as published on {@code insiders.frames.raw}. */
    public Iterator<Frame> frames() {
        Iterator<Sample> samples = samples();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return samples.hasNext();
            }

            @Override
            public Frame next() {
                return samples.next().toFrame(deviceName);
            }
        };
    }

    /** The frames as a sequential stream; an endless session's is infinite. */
    public Stream<Frame> frameStream() {
        int characteristics = Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE;
        Spliterator<Frame> spliterator = isEndless()
                ? Spliterators.spliteratorUnknownSize(frames(), characteristics)
                : Spliterators.spliterator(frames(), frameCount, characteristics);
        return StreamSupport.stream(spliterator, false);
    }

    /** The fixes in time order, as an ASI file holds them (without heart rate). */
    public Iterator<AsiFix> fixes() {
        Iterator<Sample> samples = samples();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return samples.hasNext();
            }

            @Override
            public AsiFix next() {
                return samples.next().toFix();
            }
        };
    }

    /**
     * One 10 Hz sample of the device.
     *
     * @param timestamp epoch milliseconds, a multiple of 100
     * @param latitude  degrees, rounded to 1e-7
     * @param longitude degrees, rounded to 1e-7
     * @param altitude  metres above sea level, rounded to the millimetre
     * @param speed     ground speed in m/s, rounded to the millimetre per second
     * @param heartRate bpm on whole seconds, null on the frames between
     */
    public record Sample(long timestamp, double latitude, double longitude, double altitude, double speed, Integer heartRate) {

        /** The frame of this sample; its {@code gnss_timestamp} is its timestamp. */
        public Frame toFrame(String deviceName) {
            return new Frame(deviceName, timestamp, latitude, longitude, altitude, speed, timestamp, heartRate);
        }

        public AsiFix toFix() {
            return new AsiFix(timestamp, latitude, longitude, altitude, speed);
        }
    }

    private final class Cursor implements Iterator<Sample> {

        private final Player player = new Player(pitch, seed);
        private long index;

        @Override
        public boolean hasNext() {
            return index < frameCount;
        }

        @Override
        public Sample next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the session has " + frameCount + " frames");
            }
            if (index > 0) {
                player.step();
            }
            long timestamp = startMillis + index * FRAME_MILLIS;
            index++;
            PitchModel.LatLon position = pitch.toLatLon(player.x(), player.y());
            Integer heartRate = Math.floorMod(timestamp, SECOND_MILLIS) == 0 ? player.heartRateSample() : null;
            return new Sample(timestamp, round(position.latitude(), 1e7), round(position.longitude(), 1e7),
                    round(player.altitude(), 1e3), round(player.speed(), 1e3), heartRate);
        }
    }

    private static double round(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }
}
