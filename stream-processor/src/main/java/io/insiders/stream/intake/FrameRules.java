package io.insiders.stream.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.insiders.schemas.Frame;
import io.insiders.stream.frames.DeviceTimeKey;

/**
 * The physical and temporal ranges a frame must respect to enter the pipeline.
 *
 * <p>Bounds are inclusive: a latitude of exactly 90 is the pole, a heart rate of exactly 250 is
 * possible. Values that are not finite numbers are out of range.
 */
public final class FrameRules {

    /** Fastest plausible ground speed of a person or vehicle carrying the tracker, m/s. */
    public static final double MAX_SPEED = 100.0;
    public static final int MIN_HEART_RATE = 20;
    public static final int MAX_HEART_RATE = 250;

    private final long maxAheadMs;
    private final long retentionMs;

    public FrameRules(Duration maxAhead, Duration retention) {
        this.maxAheadMs = maxAhead.toMillis();
        this.retentionMs = retention.toMillis();
    }

    /** The first rule {@code frame} breaks at wall-clock time {@code nowMs}, or null when it breaks none. */
    public Rejection check(Frame frame, long nowMs) {
        if (frame.getDeviceName() == null || frame.getDeviceName().isBlank()) {
            return Rejection.of(Rejection.Reason.MISSING_DEVICE, "device_name is required");
        }
        if (frame.getDeviceName().getBytes(StandardCharsets.UTF_8).length > DeviceTimeKey.MAX_DEVICE_BYTES) {
            return Rejection.of(Rejection.Reason.UNREADABLE, "device_name is longer than " + DeviceTimeKey.MAX_DEVICE_BYTES + " bytes");
        }
        long time = frame.getTimestamp();
        if (time <= 0) {
            return Rejection.of(Rejection.Reason.MISSING_TIME, "timestamp must be a positive epoch time in milliseconds, not " + time);
        }
        if (time > nowMs + maxAheadMs) {
            return Rejection.of(Rejection.Reason.TIME_AHEAD, "timestamp " + Instant.ofEpochMilli(time) + " is more than "
                    + Duration.ofMillis(maxAheadMs) + " ahead of now (" + Instant.ofEpochMilli(nowMs) + ")");
        }
        if (time < nowMs - retentionMs) {
            return Rejection.of(Rejection.Reason.TIME_EXPIRED, "timestamp " + Instant.ofEpochMilli(time)
                    + " is older than the retention of " + Duration.ofMillis(retentionMs).toDays() + " days");
        }
        Rejection range = outside("gnss.latitude", frame.getLatitude(), -90, 90);
        if (range == null) {
            range = outside("gnss.longitude", frame.getLongitude(), -180, 180);
        }
        if (range == null) {
            range = outside("gnss.speed", frame.getSpeed(), 0, MAX_SPEED);
        }
        if (range == null) {
            range = outside("gnss.altitude", frame.getAltitude(), -Double.MAX_VALUE, Double.MAX_VALUE);
        }
        if (range == null && frame.getHeartRate() != null) {
            range = outside("ecg.hr", frame.getHeartRate().doubleValue(), MIN_HEART_RATE, MAX_HEART_RATE);
        }
        return range;
    }

    private static Rejection outside(String name, Double value, double min, double max) {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            String bounds = max == Double.MAX_VALUE ? "a finite number" : "within [" + trim(min) + ", " + trim(max) + "]";
            return Rejection.of(Rejection.Reason.OUT_OF_RANGE, name + " " + value + " is out of range: it must be " + bounds);
        }
        return null;
    }

    private static String trim(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }
}
