package io.insiders.api.preprocessed;

import java.util.ArrayList;
import java.util.List;

import io.insiders.schemas.EnrichedFrame;

/**
 * A data listing clipped to the times its manager owned the device: one {@link DataSnapshot} per ownership window
 * within the interval, in time order, read as one listing. Its count is the sum of theirs and a page takes its rows
 * from the windows it spans, each window paged as the unclipped listings are, so the pages still partition exactly
 * the counted rows.
 */
final class WindowedSnapshot implements SnapshotCache.Weighed {

    private final List<DataSnapshot> windows;
    private final long count;

    /** @param windows the snapshots of the windows, in time order, not overlapping */
    WindowedSnapshot(List<DataSnapshot> windows) {
        this.windows = List.copyOf(windows);
        this.count = windows.stream().mapToLong(DataSnapshot::count).sum();
    }

    /** The rows of the whole listing. */
    long count() {
        return count;
    }

    /** The rows {@code offset} to {@code offset + size - 1}, in time order. */
    List<EnrichedFrame> rows(DataListing listing, long offset, int size) {
        List<EnrichedFrame> rows = new ArrayList<>(Math.max(0, size));
        long before = 0;
        long from = offset;
        long to = offset + size;
        for (DataSnapshot window : windows) {
            long end = before + window.count();
            if (end > from && before < to) {
                long start = Math.max(from, before) - before;
                int wanted = (int) (Math.min(to, end) - before - start);
                rows.addAll(listing.rows(window, start, wanted));
            }
            before = end;
            if (before >= to) {
                break;
            }
        }
        return rows;
    }

    @Override
    public long weight() {
        return 32L + windows.stream().mapToLong(DataSnapshot::weight).sum();
    }
}
