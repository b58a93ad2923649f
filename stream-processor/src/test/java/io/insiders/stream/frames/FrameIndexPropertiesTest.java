package io.insiders.stream.frames;

import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.testing.PropertyCheck;
import io.insiders.stream.PipelineDriver;
import org.junit.jupiter.api.Test;

/**
 * Whatever order a device's frames come in (in time order, late, repeated, across seconds, arrival groups and
 * minutes), every frame is stored once, each minute counts its frames, and its arrivals are ranked 1, 2, 3... in the
 * order the frames first came. The pipeline skips reads of seconds, minutes and groups it knows to be empty
 * (docs/benchmarks.md, change 23): a wrong guess would lose a frame, a count or an arrival here.
 */
class FrameIndexPropertiesTest {

    private static final long BASE = FrameCounts.bucketOf(PipelineDriver.NOW.minus(Duration.ofHours(6)).toEpochMilli());
    private static final String DEVICE = "351000000000003";

    @Test
    void everyFrameIsStoredCountedAndRankedOnceWhateverItsArrivalOrder() {
        PropertyCheck.forAll("frames stored, counted and ranked once in any arrival order", 60,
                FrameIndexPropertiesTest::arrivals, Object::toString, FrameIndexPropertiesTest::storedCountedAndRanked);
    }

    private static void storedCountedAndRanked(List<Long> arrivals) {
        LinkedHashSet<Long> firstComings = new LinkedHashSet<>(arrivals);
        TreeMap<Long, List<Long>> byMinute = new TreeMap<>();
        firstComings.forEach(time -> byMinute.computeIfAbsent(FrameCounts.bucketOf(time), minute -> new ArrayList<>()).add(time));

        try (PipelineDriver pipeline = new PipelineDriver().provision(3, DEVICE)) {
            arrivals.forEach(time -> pipeline.pipeJson(frame(DEVICE, time)));

            assertThat(pipeline.storedFrames(DEVICE)).extracting(EnrichedFrame::getTimestamp)
                    .containsExactlyElementsOf(new TreeSet<>(arrivals));
            List<FrameBucket> counts = new ArrayList<>();
            List<FrameArrival> ranked = new ArrayList<>();
            byMinute.forEach((minute, times) -> {
                counts.add(new FrameBucket(minute, times.size(), times.size()));
                for (int i = 0; i < times.size(); i++) {
                    ranked.add(new FrameArrival(PipelineDriver.NOW.toEpochMilli(), times.get(i), i + 1));
                }
            });
            assertThat(FrameCounts.buckets(pipeline.driver().getKeyValueStore(FrameCounts.STORE), DEVICE, 0, Long.MAX_VALUE))
                    .isEqualTo(counts);
            assertThat(FrameCounts.arrivals(pipeline.driver().getKeyValueStore(FrameCounts.ARRIVALS_STORE), DEVICE, 0,
                    Long.MAX_VALUE)).isEqualTo(ranked);
        }
    }

    /**
     * Frame times in the order they come: mostly a device's tenths of a second in order, with jumps to later
     * seconds and to the start of the next minute, repeats, and some frames held back to come after later ones.
     */
    private static List<Long> arrivals(SplittableRandom random) {
        int count = 1 + random.nextInt(90);
        List<Long> inTimeOrder = new ArrayList<>(count);
        long time = BASE + 100L * random.nextInt(600);
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(20);
            if (pick == 0) {
                time += 1_000L * random.nextInt(1, 120);
            } else if (pick == 2) {
                time = FrameCounts.bucketOf(time) + FrameCounts.BUCKET_MS;
            } else if (pick != 1) {
                time += 100;
            }
            // pick == 1: the same time again, a repeat of the frame before.
            inTimeOrder.add(time);
        }
        List<Long> arrivals = new ArrayList<>(inTimeOrder);
        int late = random.nextInt(Math.max(1, count / 4));
        for (int i = 0; i < late; i++) {
            long held = arrivals.remove(random.nextInt(arrivals.size()));
            arrivals.add(random.nextInt(arrivals.size() + 1), held);
        }
        if (random.nextInt(4) == 0) {
            arrivals.add(arrivals.get(random.nextInt(arrivals.size())));
        }
        return arrivals;
    }
}
