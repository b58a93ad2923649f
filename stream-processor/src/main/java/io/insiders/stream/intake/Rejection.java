package io.insiders.stream.intake;

/**
 * Why the intake refused a record: a stable code for machines and a message for people.
 *
 * @param reason the rule that failed
 * @param message what was wrong, precisely enough to fix the producer
 */
public record Rejection(Reason reason, String message) {

    /** The rules a frame must pass; each is the {@code insiders.dlq.reason} header of its dead letters. */
    public enum Reason {
        /** Not Avro of a known schema, not JSON, or JSON of the wrong shape. */
        UNREADABLE,
        /** No device name. */
        MISSING_DEVICE,
        /** No time. */
        MISSING_TIME,
        /** A device never provisioned. */
        UNKNOWN_DEVICE,
        /** A value outside its physical range. */
        OUT_OF_RANGE,
        /** A time more than the allowed margin ahead of now. */
        TIME_AHEAD,
        /** A time older than the stores keep. */
        TIME_EXPIRED
    }

    public static Rejection of(Reason reason, String message) {
        return new Rejection(reason, message);
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
