package io.insiders.api.preprocessed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.devices.DeviceRecord;
import io.insiders.stream.frames.FrameHistory;
import io.insiders.stream.ranges.ActivityRanges;
import io.insiders.stream.ranges.Range;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * A device's preprocessed data, read from this instance's stores: its newest frames, its activity ranges
 * and its frames over an interval, the latter paged from a snapshot kept {@link #SNAPSHOT_TTL} (see
 * {@code docs/data-listing.md}).
 */
@Service
public class PreprocessedData {

    /** How long a data listing's snapshot is kept: every page of a listing within it counts the same rows. */
    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(120);
    /** The memory all snapshots may take; a full 2-day listing takes about 70 KB, a sparse one a few hundred bytes. */
    static final long SNAPSHOT_MEMORY = 64L * 1024 * 1024;

    private final StoreAccess stores;
    private final DataListing listing;
    private final SnapshotCache<WindowedSnapshot> snapshots;

    @Autowired
    PreprocessedData(StoreAccess stores) {
        this(stores, () -> System.nanoTime() / 1_000_000);
    }

    /** @param ticker the clock that times the snapshots' lifetime, monotonic, in milliseconds */
    PreprocessedData(StoreAccess stores, LongSupplier ticker) {
        this.stores = stores;
        this.listing = new DataListing(stores);
        this.snapshots = new SnapshotCache<>(SNAPSHOT_TTL, SNAPSHOT_MEMORY, ticker);
    }

    /** The {@code size} newest frames of {@code device}, newest first. */
    public List<DataRow> latest(DeviceRecord device, int size) {
        List<EnrichedFrame> frames = stores.read(FrameHistory.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
                FrameHistory.newest(store, device.deviceName(), size));
        return rows(frames);
    }

    /**
     * Page {@code page} ({@link Paging#LAST} for the last) of the activity ranges of {@code device} that meet {@code interval},
     * as seen by a manager who owned the device over {@code owned} (whole ownerships, in time order): a range within one
     * is answered whole, a range that reaches out of one is answered as its part inside it (from its first sample there
     * to its last, with their number), and a range outside all of them not at all.
     */
    public PageBody<RangeRow> ranges(DeviceRecord device, Interval interval, int limit, long page, List<Interval> owned) {
        long from = Math.max(0, interval.start());
        List<Range> ranges = stores.read(ActivityRanges.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
                ActivityRanges.overlapping(store, device.deviceName(), from, interval.stop()));
        List<Range> visible = new ArrayList<>(ranges.size());
        for (Range range : ranges) {
            for (Interval period : owned) {
                if (range.stop() < period.start() || range.start() > period.stop()) {
                    continue;
                }
                if (range.start() >= period.start() && range.stop() <= period.stop()) {
                    visible.add(range);
                } else {
                    clipped(device, range, period).filter(part -> part.start() <= interval.stop() && part.stop() >= interval.start())
                            .ifPresent(visible::add);
                }
            }
        }
        Paging.PageWindow window = Paging.window(visible.size(), limit, page);
        List<RangeRow> results = new ArrayList<>(window.size());
        for (Range range : visible.subList((int) window.offset(), (int) window.offset() + window.size())) {
            results.add(RangeRow.of(range));
        }
        return window.body(visible.size(), results);
    }

    /** The part of a range within a period: its samples there counted through the count index, as a data listing counts. */
    private Optional<Range> clipped(DeviceRecord device, Range range, Interval period) {
        Interval part = new Interval(Math.max(range.start(), period.start()), Math.min(range.stop(), period.stop()));
        DataSnapshot samples = listing.snapshot(device.deviceName(), part);
        if (samples.count() == 0) {
            return Optional.empty();
        }
        List<EnrichedFrame> first = listing.rows(samples, 0, 1);
        List<EnrichedFrame> last = listing.rows(samples, samples.count() - 1, 1);
        if (first.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Range(first.get(0).getTimestamp(), last.get(0).getTimestamp(), samples.count()));
    }

    /**
     * Page {@code page} ({@link Paging#LAST} for the last) of the frames of {@code device} in {@code interval} that lie in
     * {@code windows} (the parts of the interval when the manager owned the device, in time order), in time order, from
     * the listing's snapshot for {@code managerId}.
     */
    public PageBody<DataRow> data(DeviceRecord device, Interval interval, int limit, long page, Long managerId, List<Interval> windows) {
        SnapshotKey key = new SnapshotKey(device.id(), interval.start(), interval.stop(), managerId, windows);
        WindowedSnapshot snapshot = snapshots.get(key, () -> new WindowedSnapshot(windows.stream()
                .map(window -> listing.snapshot(device.deviceName(), window)).toList()));
        Paging.PageWindow window = Paging.window(snapshot.count(), limit, page);
        return window.body(snapshot.count(), rows(snapshot.rows(listing, window.offset(), window.size())));
    }

    private static List<DataRow> rows(List<EnrichedFrame> frames) {
        List<DataRow> rows = new ArrayList<>(frames.size());
        for (EnrichedFrame frame : frames) {
            rows.add(DataRow.of(frame));
        }
        return rows;
    }
}
