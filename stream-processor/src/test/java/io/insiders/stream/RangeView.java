package io.insiders.stream;

import java.time.Instant;

/**
 * One activity range as a test sees it, whether read from the session store or rebuilt from the
 * {@code insiders.activity-ranges} topic.
 *
 * @param device the device name
 * @param start time of the first sample, epoch milliseconds
 * @param stop time of the last sample, epoch milliseconds
 * @param size number of distinct samples
 */
public record RangeView(String device, long start, long stop, long size) implements Comparable<RangeView> {

    /** A range from instants, for readable expectations. */
    public static RangeView of(String device, Instant start, Instant stop, long size) {
        return new RangeView(device, start.toEpochMilli(), stop.toEpochMilli(), size);
    }

    @Override
    public int compareTo(RangeView other) {
        int byDevice = device.compareTo(other.device);
        return byDevice != 0 ? byDevice : Long.compare(start, other.start);
    }

    @Override
    public String toString() {
        return device + " [" + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(stop) + "] x" + size;
    }
}
