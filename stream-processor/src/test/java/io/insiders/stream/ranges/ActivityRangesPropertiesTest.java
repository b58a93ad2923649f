package io.insiders.stream.ranges;

import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.insiders.stream.ActivityRangeFold;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.RangeView;
import io.insiders.schemas.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * The ranges do not depend on the order frames arrive in: the same frames of a device, in time
 * order and shuffled (repeats included), give the same ranges, those of the definition (consecutive
 * distinct samples at most 5 minutes apart), and the topic folds to the store.
 */
class ActivityRangesPropertiesTest {

    private static final long GAP = Duration.ofMinutes(5).toMillis();
    private static final long BASE = PipelineDriver.NOW.minus(Duration.ofDays(2)).toEpochMilli();
    private static final String IN_ORDER = "351000000000001";
    private static final String SHUFFLED = "351000000000002";

    @Test
    void arrivalOrderDoesNotChangeTheRanges() {
        PropertyCheck.forAll("arrival order does not change the ranges", 60, ActivityRangesPropertiesTest::frameTimes,
                Object::toString, ActivityRangesPropertiesTest::sameRangesInAnyOrder);
    }

    private static void sameRangesInAnyOrder(Case example) {
        List<Long> times = example.times();
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, new Random(example.shuffleSeed()));
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);

        try (PipelineDriver pipeline = new PipelineDriver().provision(1, IN_ORDER).provision(2, SHUFFLED)) {
            sorted.forEach(time -> pipeline.pipeJson(frame(IN_ORDER, time)));
            shuffled.forEach(time -> pipeline.pipeJson(frame(SHUFFLED, time)));

            List<RangeView> expected = definition(times);
            assertThat(withoutDevice(pipeline.storedRanges(IN_ORDER))).as("in order").isEqualTo(expected);
            assertThat(withoutDevice(pipeline.storedRanges(SHUFFLED))).as("shuffled %s", shuffled).isEqualTo(expected);

            List<RangeView> folded = new ActivityRangeFold().applyAll(pipeline.rangeChanges()).ranges();
            List<RangeView> stored = new ArrayList<>(pipeline.storedRanges(IN_ORDER));
            stored.addAll(pipeline.storedRanges(SHUFFLED));
            assertThat(folded).as("the topic folded").isEqualTo(stored);
            assertThat(pipeline.latest(SHUFFLED)).isEqualTo(sorted.get(sorted.size() - 1));
        }
    }

    /**
     * One example: frame times and the seed of their shuffle.
     *
     * @param times the frame times, repeats included
     * @param shuffleSeed the seed of the arrival order
     */
    record Case(List<Long> times, long shuffleSeed) {
    }

    /** Times built from steps that are often right at the gap, one millisecond over it, or repeats. */
    private static Case frameTimes(SplittableRandom random) {
        int count = 1 + random.nextInt(30);
        List<Long> times = new ArrayList<>(count);
        long time = BASE;
        for (int i = 0; i < count; i++) {
            time += step(random);
            times.add(time);
        }
        return new Case(times, random.nextLong());
    }

    private static long step(SplittableRandom random) {
        int pick = random.nextInt(27);
        if (pick < 3) {
            return 0;
        }
        if (pick < 13) {
            return random.nextLong(1, 1001);
        }
        if (pick < 19) {
            return random.nextLong(GAP - 2000, GAP + 2001);
        }
        if (pick < 23) {
            return random.nextBoolean() ? GAP : GAP + 1;
        }
        return random.nextLong(GAP + 1, 3 * GAP + 1);
    }

    /** The ranges by their definition, without a device. */
    private static List<RangeView> definition(List<Long> times) {
        List<RangeView> ranges = new ArrayList<>();
        long start = -1;
        long stop = -1;
        long size = 0;
        for (long time : new TreeSet<>(times)) {
            if (size > 0 && time - stop > GAP) {
                ranges.add(new RangeView("", start, stop, size));
                size = 0;
            }
            if (size == 0) {
                start = time;
            }
            stop = time;
            size++;
        }
        ranges.add(new RangeView("", start, stop, size));
        return ranges;
    }

    private static List<RangeView> withoutDevice(List<RangeView> ranges) {
        return ranges.stream().map(r -> new RangeView("", r.start(), r.stop(), r.size())).toList();
    }
}
