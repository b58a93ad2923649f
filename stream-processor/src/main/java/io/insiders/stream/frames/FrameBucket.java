package io.insiders.stream.frames;

/**
 * One minute of a device's frames in the count index ({@link FrameCounts}).
 *
 * @param start the minute's first millisecond, epoch milliseconds (a multiple of {@link FrameCounts#BUCKET_MS})
 * @param count how many frames of the device are stored in that minute now
 * @param added how many frames were ever added to that minute: the ordinal of its latest arrival. It only grows
 *     (expiry lowers {@code count}, not {@code added}), so a reader that kept an earlier {@code added} knows
 *     that the arrivals with a larger ordinal came after it looked.
 */
public record FrameBucket(long start, int count, int added) {
}
