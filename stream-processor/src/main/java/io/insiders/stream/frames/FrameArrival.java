package io.insiders.stream.frames;

/**
 * A frame that arrived lately, as the count index ({@link FrameCounts}) remembers it for a while.
 *
 * @param arrival when the pipeline stored it, epoch milliseconds of the pipeline's clock
 * @param time the frame's own time, epoch milliseconds
 * @param ordinal its rank among the arrivals of its minute: the {@link FrameBucket#added()} of that minute once it arrived
 */
public record FrameArrival(long arrival, long time, int ordinal) {

    /** The start of the minute the frame belongs to. */
    public long bucket() {
        return FrameCounts.bucketOf(time);
    }
}
