package io.insiders.api.preprocessed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final SnapshotCache snapshots;

    @Autowired
    PreprocessedData(StoreAccess stores) {
        this(stores, () -> System.nanoTime() / 1_000_000);
    }

    /** @param ticker the clock that times the snapshots' lifetime, monotonic, in milliseconds */
    PreprocessedData(StoreAccess stores, LongSupplier ticker) {
        this.stores = stores;
        this.listing = new DataListing(stores);
        this.snapshots = new SnapshotCache(SNAPSHOT_TTL, SNAPSHOT_MEMORY, ticker);
    }

    /** The {@code size} newest frames of {@code device}, newest first. */
    public List<DataRow> latest(DeviceRecord device, int size) {
        List<EnrichedFrame> frames = stores.read(FrameHistory.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
                FrameHistory.newest(store, device.deviceName(), size));
        return rows(frames);
    }

    /** Page {@code page} ({@link Paging#LAST} for the last) of the activity ranges of {@code device} that meet {@code interval}. */
    public PageBody<RangeRow> ranges(DeviceRecord device, Interval interval, int limit, long page) {
        long from = Math.max(0, interval.start());
        List<Range> ranges = stores.read(ActivityRanges.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
                ActivityRanges.overlapping(store, device.deviceName(), from, interval.stop()));
        Paging.PageWindow window = Paging.window(ranges.size(), limit, page);
        List<RangeRow> results = new ArrayList<>(window.size());
        for (Range range : ranges.subList((int) window.offset(), (int) window.offset() + window.size())) {
            results.add(RangeRow.of(range));
        }
        return window.body(ranges.size(), results);
    }

    /**
     * Page {@code page} ({@link Paging#LAST} for the last) of the frames of {@code device} in {@code interval}, in time
     * order, from the listing's snapshot for {@code managerId} (null while the API is open).
     */
    public PageBody<DataRow> data(DeviceRecord device, Interval interval, int limit, long page, Long managerId) {
        SnapshotKey key = new SnapshotKey(device.id(), interval.start(), interval.stop(), managerId);
        DataSnapshot snapshot = snapshots.get(key, () -> listing.snapshot(device.deviceName(), interval));
        Paging.PageWindow window = Paging.window(snapshot.count(), limit, page);
        return window.body(snapshot.count(), rows(listing.rows(snapshot, window.offset(), window.size())));
    }

    private static List<DataRow> rows(List<EnrichedFrame> frames) {
        List<DataRow> rows = new ArrayList<>(frames.size());
        for (EnrichedFrame frame : frames) {
            rows.add(DataRow.of(frame));
        }
        return rows;
    }
}
