package io.insiders.stream.ranges;

import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import io.insiders.stream.ActivityRangeFold;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.RangeView;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

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

    @Property(tries = 40)
    void arrivalOrderDoesNotChangeTheRanges(@ForAll("frameTimes") List<Long> times, @ForAll Random random) {
        List<Long> shuffled = new ArrayList<>(times);
        Collections.shuffle(shuffled, random);
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

    /** Times built from steps that are often right at the gap, one millisecond over it, or repeats. */
    @Provide
    Arbitrary<List<Long>> frameTimes() {
        Arbitrary<Long> step = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(10, Arbitraries.longs().between(1, 1000)),
                Tuple.of(6, Arbitraries.longs().between(GAP - 2000, GAP + 2000)),
                Tuple.of(4, Arbitraries.of(GAP, GAP + 1)),
                Tuple.of(4, Arbitraries.longs().between(GAP + 1, 3 * GAP)));
        return step.list().ofMinSize(1).ofMaxSize(30).map(steps -> {
            List<Long> times = new ArrayList<>(steps.size());
            long time = BASE;
            for (long s : steps) {
                time += s;
                times.add(time);
            }
            return times;
        });
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
