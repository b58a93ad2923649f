package io.insiders.api.preprocessed;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongToIntFunction;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.stream.frames.FrameArrival;
import io.insiders.stream.frames.FrameBucket;
import io.insiders.stream.frames.FrameCounts;
import io.insiders.stream.frames.FrameHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Counts and pages a device's frames over an interval from the count index ({@link FrameCounts}) and
 * the frames store, without reading more frames than a page holds: a snapshot reads the interval's
 * per-minute counts (at most 2,881 entries for two days) and the frames of its two edge minutes; a page
 * finds its first minute by a binary search over the snapshot's counts, seeks there and reads its own
 * rows, plus what precedes them in that minute and follows them in its last.
 *
 * <p>Frames keep arriving while a listing is read (live frames, uploads into the interval). Each minute
 * of the snapshot remembers how many frames it had ever received; the frames a page meets whose arrival
 * ordinal is above that came later, and are skipped. They are found among the recent arrivals, which a
 * page reads after its frames: the pipeline stores an arrival before its frame and counts the frame
 * after storing it, so every frame a page sees that the snapshot did not count has its arrival visible.
 */
final class DataListing {

    private final StoreAccess stores;

    DataListing(StoreAccess stores) {
        this.stores = stores;
    }

    /** Counts the frames of {@code device} in {@code interval} now, minute by minute. */
    DataSnapshot snapshot(String device, Interval interval) {
        long from = Math.max(0, interval.start());
        long to = interval.stop();
        List<FrameBucket> minutes = from > to ? List.of()
                : stores.read(FrameCounts.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> counts) ->
                        FrameCounts.buckets(counts, device, from, to));
        if (minutes.isEmpty()) {
            return new DataSnapshot(device, interval, minutes);
        }
        // The first and last minutes may lie partly outside the interval: their rows are counted from their frames.
        FrameBucket head = minutes.get(0);
        FrameBucket tail = minutes.get(minutes.size() - 1);
        boolean headCut = head.start() < from || head.start() + FrameCounts.BUCKET_MS - 1 > to;
        boolean tailCut = tail != head && tail.start() + FrameCounts.BUCKET_MS - 1 > to;
        if (!headCut && !tailCut) {
            return new DataSnapshot(device, interval, minutes);
        }
        List<EnrichedFrame> headFrames = headCut ? frames(device, from, Math.min(to, head.start() + FrameCounts.BUCKET_MS - 1))
                : List.of();
        List<EnrichedFrame> tailFrames = tailCut ? frames(device, tail.start(), to) : List.of();
        // Read after the frames, so that every later frame the scans met has its arrival visible.
        List<FrameBucket> counted = new ArrayList<>(minutes);
        if (headCut) {
            Set<Long> later = arrivedAfter(device, head.start(), head.start(), start -> head.added());
            counted.set(0, new FrameBucket(head.start(), countExcept(headFrames, later), head.added()));
        }
        if (tailCut) {
            Set<Long> later = arrivedAfter(device, tail.start(), tail.start(), start -> tail.added());
            counted.set(counted.size() - 1, new FrameBucket(tail.start(), countExcept(tailFrames, later), tail.added()));
        }
        return new DataSnapshot(device, interval, counted);
    }

    /**
     * The rows {@code offset} to {@code offset + size - 1} of {@code snapshot}, in time order. Fewer only when frames
     * of the snapshot were deleted since (expired: older than the retention).
     */
    List<EnrichedFrame> rows(DataSnapshot snapshot, long offset, int size) {
        if (size <= 0 || offset >= snapshot.count()) {
            return List.of();
        }
        long last = Math.min(offset + size, snapshot.count()) - 1;
        int first = snapshot.minuteOfRow(offset);
        int end = snapshot.minuteOfRow(last);
        Interval interval = snapshot.interval();
        long from = Math.max(Math.max(0, interval.start()), snapshot.minuteStart(first));
        long to = Math.min(interval.stop(), snapshot.minuteStart(end) + FrameCounts.BUCKET_MS - 1);
        List<EnrichedFrame> scanned = frames(snapshot.device(), from, to);
        // Read after the frames, so that every later frame the scan met has its arrival visible.
        Set<Long> later = arrivedAfter(snapshot.device(), from, to, snapshot::addedAt);
        int wanted = (int) (last - offset + 1);
        long skip = offset - snapshot.rowsBefore(first);
        List<EnrichedFrame> page = new ArrayList<>(wanted);
        int minute = first;
        int inMinute = 0;
        for (EnrichedFrame frame : scanned) {
            if (page.size() == wanted) {
                break;
            }
            long start = FrameCounts.bucketOf(frame.getTimestamp());
            while (minute < end && snapshot.minuteStart(minute) < start) {
                minute++;
                inMinute = 0;
            }
            // Besides the later arrivals, a minute never gives more rows than the snapshot counted in it: should a frame
            // the snapshot did not count go unrecognised, the pages still partition the same rows, minute by minute.
            if (later.contains(frame.getTimestamp()) || snapshot.minuteStart(minute) != start || inMinute == snapshot.rowsIn(minute)) {
                continue;
            }
            inMinute++;
            if (skip > 0) {
                skip--;
            } else {
                page.add(frame);
            }
        }
        return page;
    }

    private List<EnrichedFrame> frames(String device, long from, long to) {
        return stores.read(FrameHistory.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> frames) ->
                FrameHistory.between(frames, device, from, to, Integer.MAX_VALUE));
    }

    /**
     * The times of the frames of {@code device} in the minutes of [from, to] that arrived after a snapshot: those whose
     * ordinal is above their minute's {@code added} in the snapshot ({@code addedAt}, by the minute's start).
     */
    private Set<Long> arrivedAfter(String device, long from, long to, LongToIntFunction addedAt) {
        List<FrameArrival> arrivals = stores.read(FrameCounts.ARRIVALS_STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> store) ->
                FrameCounts.arrivals(store, device, from, to));
        Set<Long> later = new HashSet<>();
        for (FrameArrival arrival : arrivals) {
            if (arrival.ordinal() > addedAt.applyAsInt(arrival.bucket())) {
                later.add(arrival.time());
            }
        }
        return later;
    }

    private static int countExcept(List<EnrichedFrame> frames, Set<Long> later) {
        int count = 0;
        for (EnrichedFrame frame : frames) {
            if (!later.contains(frame.getTimestamp())) {
                count++;
            }
        }
        return count;
    }
}
