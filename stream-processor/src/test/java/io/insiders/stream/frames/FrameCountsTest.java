package io.insiders.stream.frames;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.insiders.stream.PipelineDriver;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The count index: a count per (device, minute) kept with the frames, and the recent arrivals. */
class FrameCountsTest {

    /** The start of a minute, five hours before the pipeline's clock. */
    private static final long M = FrameCounts.bucketOf(NOW.minus(Duration.ofHours(5)).toEpochMilli());
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final String OTHER = "864475041000055";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice().provision(55, OTHER);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void eachNewFrameIsCountedInItsMinuteAndRemembersItsArrival() {
        for (long offset : new long[] {59_999, 0, 100, 60_000, 200, 180_500}) {
            pipeline.pipeJson(frame(DEVICE, M + offset));
        }
        pipeline.pipeJson(frame(OTHER, M + 300));

        assertThat(FrameCounts.buckets(counts(), DEVICE, M, M + 300_000)).containsExactly(
                new FrameBucket(M, 4, 4), new FrameBucket(M + 60_000, 1, 1), new FrameBucket(M + 180_000, 1, 1));
        assertThat(FrameCounts.buckets(counts(), OTHER, 0, Long.MAX_VALUE)).containsExactly(new FrameBucket(M, 1, 1));
        // Arrivals are ranked within their minute, in the order they came, and read minute by minute.
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, M, M + 300_000))
                .extracting(FrameArrival::time, FrameArrival::ordinal, FrameArrival::arrival).containsExactly(
                        tuple(M + 59_999, 1, NOW_MS), tuple(M, 2, NOW_MS), tuple(M + 100, 3, NOW_MS), tuple(M + 200, 4, NOW_MS),
                        tuple(M + 60_000, 1, NOW_MS), tuple(M + 180_500, 1, NOW_MS));
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, M + 60_000, M + 179_999)).extracting(FrameArrival::time)
                .containsExactly(M + 60_000);
        assertThat(FrameCounts.arrivals(arrivals(), OTHER, 0, Long.MAX_VALUE)).extracting(FrameArrival::time).containsExactly(M + 300);
    }

    @Test
    void lateArrivalsJoinTheGroupsAndCountsTheirMinuteAlreadyHas() {
        // 40 frames fill the minute's groups of 16 (1-16, 17-32, 33-40); the next minute starts; a late frame of
        // the first minute then joins its last group, and the next minute's second frame its first group.
        List<Long> sent = new ArrayList<>();
        for (long offset = 0; offset < 4_000; offset += 100) {
            sent.add(M + offset);
        }
        sent.add(M + 60_000);
        sent.add(M + 30_000);
        sent.add(M + 60_100);
        sent.forEach(time -> pipeline.pipeJson(frame(DEVICE, time)));

        assertThat(FrameCounts.buckets(counts(), DEVICE, M, M + 60_000)).containsExactly(
                new FrameBucket(M, 41, 41), new FrameBucket(M + 60_000, 2, 2));
        List<Long> inArrivalOrder = new ArrayList<>(sent.subList(0, 40));
        inArrivalOrder.add(M + 30_000);
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, M, M + 59_999)).extracting(FrameArrival::time)
                .containsExactlyElementsOf(inArrivalOrder);
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, M, M + 59_999)).extracting(FrameArrival::ordinal)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 41).boxed().toList());
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, M + 60_000, M + 119_999))
                .extracting(FrameArrival::time, FrameArrival::ordinal)
                .containsExactly(tuple(M + 60_000, 1), tuple(M + 60_100, 2));
    }

    @Test
    void aRepeatedOrReplacedFrameIsNotCountedAgain() {
        pipeline.pipeJson(frame(DEVICE, M + 10));
        pipeline.pipeJson(frame(DEVICE, M + 10));
        Map<String, Object> corrected = frame(DEVICE, M + 10);
        corrected.put("ecg.hr", 99);
        pipeline.pipeJson(corrected);

        assertThat(FrameCounts.buckets(counts(), DEVICE, M, M)).containsExactly(new FrameBucket(M, 1, 1));
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, 0, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void expiryUncountsWholeMinutesAndThePartOfTheCutoffsMinute() {
        for (long offset = 0; offset < 180_000; offset += 10_000) {
            pipeline.pipeJson(frame(DEVICE, M + offset));
        }
        FrameCounts index = index();
        long cutoff = M + 60_000 + 25_000;

        index.expire(new FrameCounts.Recent(), DEVICE, cutoff);
        new FrameHistory(pipeline.frameStore()).expire(new FrameHistory.Written(), DEVICE, cutoff);

        // 0..50 s gone whole; 60, 70, 80 s gone from the second minute (90..110 s stay), the third minute untouched.
        assertThat(FrameCounts.buckets(counts(), DEVICE, 0, Long.MAX_VALUE)).containsExactly(
                new FrameBucket(M + 60_000, 3, 6), new FrameBucket(M + 120_000, 6, 6));
        assertThat(pipeline.storedFrames(DEVICE)).hasSize(9);
    }

    @Test
    void arrivalsAreForgottenOnceOlderThanTheirKeepingTime() {
        pipeline.pipeJson(frame(DEVICE, M));
        FrameCounts index = index();

        index.prune(new FrameCounts.Recent(), DEVICE, NOW_MS + FrameCounts.ARRIVALS_KEPT.toMillis());
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, 0, Long.MAX_VALUE)).hasSize(1);
        index.prune(new FrameCounts.Recent(), DEVICE, NOW_MS + FrameCounts.ARRIVALS_KEPT.toMillis() + 1);
        assertThat(FrameCounts.arrivals(arrivals(), DEVICE, 0, Long.MAX_VALUE)).isEmpty();
        assertThat(FrameCounts.buckets(counts(), DEVICE, M, M)).containsExactly(new FrameBucket(M, 1, 1));
    }

    @Test
    void framesStoredBeforeTheIndexExistedAreCountedOnceInSlices() {
        for (long offset = 0; offset < 300_000; offset += 1_000) {
            pipeline.pipeJson(frame(DEVICE, M + offset));
        }
        pipeline.pipeJson(frame(OTHER, M + 5));
        // As if the frames had been stored by a version without the index.
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = counts().all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(counts()::delete);
        FrameCounts index = index();
        assertThat(index.complete()).isFalse();

        int steps = 1;
        while (!index.rebuildStep(70)) {
            steps++;
        }

        assertThat(steps).as("slices of whole minutes, of at least 70 frames each").isEqualTo(3);
        assertThat(index.complete()).isTrue();
        assertThat(FrameCounts.buckets(counts(), DEVICE, 0, Long.MAX_VALUE)).extracting(FrameBucket::count)
                .containsExactly(60, 60, 60, 60, 60);
        assertThat(FrameCounts.buckets(counts(), OTHER, 0, Long.MAX_VALUE)).containsExactly(new FrameBucket(M, 1, 1));
    }

    @Test
    void thePipelineCountsAFreshStoreAsCompleteOnItsFirstRecount() {
        pipeline.pipeJson(frame(DEVICE, M));
        assertThat(index().complete()).isFalse();

        pipeline.driver().advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(index().complete()).isTrue();
        assertThat(FrameCounts.buckets(counts(), DEVICE, M, M)).containsExactly(new FrameBucket(M, 1, 1));
    }

    private FrameCounts index() {
        return new FrameCounts(counts(), arrivals(), pipeline.frameStore());
    }

    private KeyValueStore<Bytes, byte[]> counts() {
        return pipeline.driver().getKeyValueStore(FrameCounts.STORE);
    }

    private KeyValueStore<Bytes, byte[]> arrivals() {
        return pipeline.driver().getKeyValueStore(FrameCounts.ARRIVALS_STORE);
    }
}
