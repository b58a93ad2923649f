package io.insiders.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.insiders.schemas.ActivityRange;
import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.stream.devices.DeviceDirectory;
import io.insiders.stream.devices.DeviceRecord;
import io.insiders.stream.enrichment.Enricher;
import io.insiders.stream.frames.FrameCounts;
import io.insiders.stream.frames.FrameHistory;
import io.insiders.stream.latest.LatestTimestamps;
import io.insiders.stream.ranges.ActivityRanges;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stateful heart of the pipeline, one instance per task (per partition of devices): enriches
 * each admitted frame, files it by time, and keeps the device's activity ranges and latest
 * timestamp; publishes enriched frames and range changes.
 *
 * <p>A frame that repeats one already stored (same device, time and content) changes nothing and
 * publishes nothing, so ingesting a file twice leaves every store and topic as it was.
 */
final class PipelineProcessor implements Processor<String, Frame, String, Object> {

    /** How often expired frames and ranges are deleted. */
    static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(10);
    /** How often a slice of frames stored before the count index existed is counted, and how many a slice holds. */
    static final Duration RECOUNT_INTERVAL = Duration.ofSeconds(1);
    static final int RECOUNT_SLICE = 100_000;
    /** How often the range changes that waited (an in-order frame growing a device's newest range) are published. */
    public static final Duration RANGES_PUBLISH_INTERVAL = Duration.ofSeconds(1);

    private final DeviceDirectory devices;
    private final Enricher enricher;
    private final PipelineSettings settings;
    private final String enrichedSink;
    private final String rangesSink;
    private ProcessorContext<String, Object> context;
    private FrameHistory history;
    private FrameCounts counts;
    private Cancellable recount;
    private ActivityRanges ranges;
    /** The devices this task held when it started whose newest ranges are not published again yet. */
    private final Set<String> devicesToRepublish = new HashSet<>();
    private LatestTimestamps latest;
    private KeyValueStore<Bytes, byte[]> latestStore;
    /**
     * What the task remembers of each of its devices, met since it started. A frame changes five entries of its
     * device and looks up its registration: one look-up here finds all of them (each kept in its own map, they were
     * about a third of the stream threads' time under load: docs/benchmarks.md, change 15).
     */
    private final Map<String, DeviceState> states = new HashMap<>();

    /** What the task remembers of one device: its registration, and what each store's writer remembers of it. */
    private static final class DeviceState {
        private final FrameHistory.Written history = new FrameHistory.Written();
        private final FrameCounts.Recent counts = new FrameCounts.Recent();
        private final ActivityRanges.Newest ranges;
        private final LatestTimestamps.Known latest = new LatestTimestamps.Known();
        private DeviceRecord registered;
        private int registeredAt;

        DeviceState(String device) {
            this.ranges = new ActivityRanges.Newest(device);
        }
    }

    PipelineProcessor(DeviceDirectory devices, Enricher enricher, PipelineSettings settings, String enrichedSink,
                      String rangesSink) {
        this.devices = devices;
        this.enricher = enricher;
        this.settings = settings;
        this.enrichedSink = enrichedSink;
        this.rangesSink = rangesSink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> frameStore = context.getStateStore(FrameHistory.STORE);
        this.history = new FrameHistory(frameStore);
        this.counts = new FrameCounts(context.getStateStore(FrameCounts.STORE), context.getStateStore(FrameCounts.ARRIVALS_STORE),
                frameStore);
        this.ranges = new ActivityRanges(context.getStateStore(ActivityRanges.STORE), settings.inactivityGap());
        this.latestStore = context.getStateStore(LatestTimestamps.STORE);
        this.latest = new LatestTimestamps(latestStore);
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::expire);
        try (KeyValueIterator<Bytes, byte[]> known = latestStore.all()) {
            known.forEachRemaining(entry -> devicesToRepublish.add(LatestTimestamps.device(entry.key)));
        }
        context.schedule(RANGES_PUBLISH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            republishNewestRanges();
            publish(ranges.pending(), -1);
        });
        if (!counts.complete()) {
            // Frames stored before the count index existed (or a fresh store): counted once, a slice at a time.
            recount = context.schedule(RECOUNT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
                if (counts.rebuildStep(RECOUNT_SLICE)) {
                    recount.cancel();
                }
            });
        }
    }

    /**
     * A task that starts publishes its devices' newest ranges again: what waited in a previous life may be lost.
     * Done at the first publication rather than in {@link #init}: reading every device's newest range there held
     * the task back, and with it the instance's first answers after a restart. A device whose frame comes
     * first has it done just before that frame is added.
     */
    private void republishNewestRanges() {
        devicesToRepublish.forEach(device -> ranges.republish(state(device).ranges));
        devicesToRepublish.clear();
    }

    /**
     * Deletes what is older than the retention, device by device (the devices of this task are the
     * keys of its latest-timestamps store). The deletions go to the changelogs like any write.
     */
    private void expire(long now) {
        long wallClock = settings.clock().getAsLong();
        long cutoff = wallClock - settings.retention().toMillis();
        try (KeyValueIterator<Bytes, byte[]> devices = latestStore.all()) {
            while (devices.hasNext()) {
                String device = LatestTimestamps.device(devices.next().key);
                DeviceState state = state(device);
                counts.expire(state.counts, device, cutoff);
                counts.prune(state.counts, device, wallClock);
                history.expire(state.history, device, cutoff);
                ranges.expire(state.ranges, cutoff);
            }
        }
    }

    /** Publishes range changes stamped with {@code time}, the frame's that made them (-1: each with its range's stop). */
    private void publish(List<ActivityRange> changes, long time) {
        for (ActivityRange range : changes) {
            context.forward(new Record<>(range.getDeviceName(), range, time < 0 ? range.getStop() : time), rangesSink);
        }
    }

    private DeviceState state(String device) {
        return states.computeIfAbsent(device, DeviceState::new);
    }

    @Override
    public void process(Record<String, Frame> record) {
        Frame frame = record.value();
        String device = record.key();
        DeviceState state = state(device);
        int directoryVersion = devices.version();
        if (state.registered == null || state.registeredAt != directoryVersion) {
            state.registered = devices.byName(device);
            state.registeredAt = directoryVersion;
        }
        if (state.registered == null) {
            // Admitted by the intake, then removed from the registry before reaching here: nothing to file it under.
            return;
        }
        EnrichedFrame enriched = enricher.enrich(frame, state.registered.id());
        long time = frame.getTimestamp();
        boolean emptyMinute = FrameCounts.bucketOf(time) > history.newestSecond(state.history, device);
        FrameHistory.Change change = history.put(state.history, device, enriched,
                () -> counts.arriving(state.counts, device, time, settings.clock().getAsLong(), emptyMinute));
        if (change == FrameHistory.Change.UNCHANGED) {
            return;
        }
        if (change == FrameHistory.Change.NEW) {
            counts.arrived(state.counts, device, time, emptyMinute);
            if (devicesToRepublish.remove(device)) {
                // As the task's start would have: what waited for this device goes out before or with this frame's change.
                ranges.republish(state.ranges);
            }
            publish(ranges.add(state.ranges, time), time);
            latest.offer(state.latest, device, time);
        }
        context.forward(new Record<>(device, enriched, time), enrichedSink);
    }
}
