package io.insiders.api.preprocessed;

import java.util.Arrays;
import java.util.List;

import io.insiders.stream.frames.FrameBucket;

/**
 * One data listing's frozen view of a device's frames over an interval, without its rows: for each minute
 * of the interval that held frames, how many of them lie in the interval ({@code rows}) and how many
 * frames that minute had ever received ({@code added}) when the snapshot was taken. A page read later
 * takes exactly the snapshot's rows: it skips the frames whose arrival ordinal is above their minute's
 * {@code added}, which came after. About 20 bytes a minute: 57 KB for a full 2-day listing.
 */
final class DataSnapshot implements SnapshotCache.Weighed {

    private final String device;
    private final Interval interval;
    private final long[] starts;
    private final int[] rows;
    private final int[] added;
    /** The rows of the minutes before each one: a page's first minute is a binary search away. */
    private final long[] before;
    private final long count;

    /**
     * @param device the device's name
     * @param interval the listed interval, in epoch milliseconds
     * @param minutes every minute that held frames of the interval then, in time order: its start, the number of
     *     its rows within the interval, and its {@code added}
     */
    DataSnapshot(String device, Interval interval, List<FrameBucket> minutes) {
        this.device = device;
        this.interval = interval;
        int n = minutes.size();
        this.starts = new long[n];
        this.rows = new int[n];
        this.added = new int[n];
        this.before = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            FrameBucket minute = minutes.get(i);
            starts[i] = minute.start();
            rows[i] = minute.count();
            added[i] = minute.added();
            before[i] = total;
            total += minute.count();
        }
        this.count = total;
    }

    String device() {
        return device;
    }

    Interval interval() {
        return interval;
    }

    /** The rows of the whole listing. */
    long count() {
        return count;
    }

    int minutes() {
        return starts.length;
    }

    long minuteStart(int minute) {
        return starts[minute];
    }

    /** How many rows of the listing the minute at index {@code minute} holds. */
    int rowsIn(int minute) {
        return rows[minute];
    }

    /** How many rows come before the minute at index {@code minute}. */
    long rowsBefore(int minute) {
        return before[minute];
    }

    /** The index of the minute that holds row {@code row} (0-based, below {@link #count()}). */
    int minuteOfRow(long row) {
        // The last minute starting at or before the row: never an empty one, whose successor starts at the same row.
        int low = 0;
        int high = starts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (before[middle] <= row) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** The {@code added} of the minute starting at {@code start} when the snapshot was taken; 0 if it had no frames then. */
    int addedAt(long start) {
        int index = Arrays.binarySearch(starts, start);
        return index >= 0 ? added[index] : 0;
    }

    @Override
    public long weight() {
        return 128L + 24L * starts.length;
    }
}
