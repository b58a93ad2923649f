package io.insiders.stream.ranges;

import static io.insiders.stream.PipelineDriver.DEVICE;
import static io.insiders.stream.PipelineDriver.NOW;
import static io.insiders.stream.PipelineDriver.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.insiders.schemas.ActivityRange;
import io.insiders.stream.ActivityRangeFold;
import io.insiders.stream.PipelineDriver;
import io.insiders.stream.PipelineSettings;
import io.insiders.stream.RangeView;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Activity ranges through the whole topology: the 5-minute gap, merges, retractions, repeats and late frames. */
class ActivityRangesTopologyTest {

    private static final Instant T0 = Instant.parse("2021-05-29T16:00:00Z");
    private static final Duration GAP = Duration.ofMinutes(5);
    private static final String OTHER = "864475041000099";

    private PipelineDriver pipeline;

    @BeforeEach
    void start() {
        pipeline = new PipelineDriver().provisionDevice().provision(99, OTHER);
    }

    @AfterEach
    void stop() {
        pipeline.close();
    }

    @Test
    void framesExactlyTheGapApartAreOneRange() {
        send(T0, T0.plus(GAP));

        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0, T0.plus(GAP), 2));
        assertTopicMatchesStore();
    }

    @Test
    void framesOneMillisecondMoreThanTheGapApartAreTwoRanges() {
        send(T0, T0.plus(GAP).plusMillis(1));

        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(
                RangeView.of(DEVICE, T0, T0, 1),
                RangeView.of(DEVICE, T0.plus(GAP).plusMillis(1), T0.plus(GAP).plusMillis(1), 1));
        assertTopicMatchesStore();
    }

    @Test
    void eachNewFramePublishesItsRangeKeyedByDevice() {
        send(T0);
        List<TestRecord<String, ActivityRange>> first = pipeline.rangeRecords();
        send(T0.plusSeconds(1));
        List<TestRecord<String, ActivityRange>> second = pipeline.rangeRecords();

        assertThat(first).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(DEVICE);
            assertThat(record.value()).isEqualTo(change(T0, T0, 1, false));
        });
        assertThat(second).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(DEVICE);
            assertThat(record.value()).isEqualTo(change(T0, T0.plusSeconds(1), 2, false));
        });
    }

    @Test
    void aLateFrameBridgingTwoRangesMergesThemAndRetractsTheOneMergedAway() {
        Instant secondStart = T0.plus(GAP.multipliedBy(2));
        send(T0, T0.plusSeconds(1), secondStart, secondStart.plusSeconds(1), secondStart.plusSeconds(2));
        assertThat(pipeline.storedRanges(DEVICE)).hasSize(2);
        List<ActivityRange> topic = new ArrayList<>(pipeline.rangeChanges());

        send(T0.plus(GAP));

        List<ActivityRange> changes = pipeline.rangeChanges();
        assertThat(changes).containsExactly(
                change(secondStart, secondStart.plusSeconds(2), 0, true),
                change(T0, secondStart.plusSeconds(2), 6, false));
        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0, secondStart.plusSeconds(2), 6));
        topic.addAll(changes);
        assertThat(new ActivityRangeFold().applyAll(topic).ranges()).isEqualTo(pipeline.storedRanges(DEVICE));
    }

    @Test
    void aLateFrameBeforeARangeMovesItsStartAndRetractsTheOldStart() {
        Instant start = T0.plus(GAP);
        send(start, start.plusSeconds(10));
        pipeline.rangeChanges();

        send(T0.plusSeconds(1));

        assertThat(pipeline.rangeChanges()).containsExactly(
                change(start, start.plusSeconds(10), 0, true),
                change(T0.plusSeconds(1), start.plusSeconds(10), 3, false));
        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0.plusSeconds(1), start.plusSeconds(10), 3));
    }

    @Test
    void aFrameInsideARangeOnlyGrowsItsSize() {
        Instant stop = T0.plusSeconds(480);
        send(T0, T0.plusSeconds(240), stop);
        pipeline.rangeChanges();

        send(T0.plusSeconds(120));

        assertThat(pipeline.rangeChanges()).containsExactly(change(T0, stop, 4, false));
        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0, stop, 4));
    }

    @Test
    void aRepeatedFrameLeavesTheSizeAsItWasAndPublishesNothing() {
        send(T0, T0.plusSeconds(1));
        pipeline.rangeChanges();
        pipeline.enriched();

        send(T0.plusSeconds(1));
        pipeline.pipeAvro(PipelineDriver.avroFrame(DEVICE, T0.toEpochMilli()));

        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0, T0.plusSeconds(1), 2));
        assertThat(pipeline.outputsEmpty()).as("nothing published for repeats").isTrue();
    }

    @Test
    void devicesHaveRangesOfTheirOwn() {
        send(T0, T0.plusSeconds(1));
        pipeline.pipeJson(frame(OTHER, T0.plusSeconds(2)));

        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(RangeView.of(DEVICE, T0, T0.plusSeconds(1), 2));
        assertThat(pipeline.storedRanges(OTHER)).containsExactly(RangeView.of(OTHER, T0.plusSeconds(2), T0.plusSeconds(2), 1));
    }

    @Test
    void framesDaysLateMergeAsIfTheyHadComeInOrder() {
        Instant recent = NOW.minus(Duration.ofHours(2));
        send(recent, recent.plusSeconds(1));
        Instant weekAgo = NOW.minus(Duration.ofDays(7));
        send(weekAgo, weekAgo.plus(GAP).plus(GAP));
        assertThat(pipeline.storedRanges(DEVICE)).hasSize(3);

        send(weekAgo.plus(GAP));

        assertThat(pipeline.storedRanges(DEVICE)).containsExactly(
                RangeView.of(DEVICE, weekAgo, weekAgo.plus(GAP).plus(GAP), 3),
                RangeView.of(DEVICE, recent, recent.plusSeconds(1), 2));
        assertTopicMatchesStore();
    }

    @Test
    void aFrameAtTheOldestAcceptedTimeIsKeptAfterFramesAhead() {
        // A device's clock a day ahead (accepted), then an upload of the oldest time accepted.
        Instant ahead = NOW.plus(PipelineSettings.DEFAULT_MAX_AHEAD);
        Instant oldest = NOW.minus(PipelineSettings.DEFAULT_RETENTION);
        send(ahead, oldest);

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.enriched()).hasSize(2);
        assertThat(new ActivityRangeFold().applyAll(pipeline.rangeChanges()).ranges()).as("the topic").containsExactly(
                RangeView.of(DEVICE, oldest, oldest, 1),
                RangeView.of(DEVICE, ahead, ahead, 1));
        assertThat(pipeline.storedRanges(DEVICE)).as("the store").containsExactly(
                RangeView.of(DEVICE, oldest, oldest, 1),
                RangeView.of(DEVICE, ahead, ahead, 1));
        assertThat(pipeline.storedFrame(DEVICE, oldest.toEpochMilli())).isNotNull();

        send(oldest);
        assertThat(pipeline.outputsEmpty()).as("the frame is stored: sending it again changes nothing").isTrue();
    }

    private void send(Instant... times) {
        for (Instant time : times) {
            pipeline.pipeJson(frame(DEVICE, time));
        }
    }

    private static ActivityRange change(Instant start, Instant stop, long size, boolean retracted) {
        return ActivityRange.newBuilder().setDeviceName(DEVICE).setStart(start.toEpochMilli()).setStop(stop.toEpochMilli())
                .setSize(size).setRetracted(retracted).build();
    }

    /** The topic, folded from the beginning, gives the ranges of the store. */
    private void assertTopicMatchesStore() {
        assertThat(new ActivityRangeFold().applyAll(pipeline.rangeChanges()).ranges())
                .isEqualTo(pipeline.storedRanges(DEVICE));
    }

}
