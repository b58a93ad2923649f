package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

import io.insiders.ingest.asi.AsiFix;
import io.insiders.schemas.Frame;
import org.junit.jupiter.api.Test;

class SimulatedSessionTest {

    private static final Instant KICK_OFF = Instant.parse("2021-05-29T16:00:00Z");
    private static final PitchModel PITCH = PitchModel.paris();

    @Test
    void framesAre100MsApartWithAHeartRateOnEveryWholeSecondOnly() {
        SimulatedSession session = SimulatedSession.of("864475041000001", 7L, PITCH, KICK_OFF, Duration.ofMinutes(90));
        long expected = KICK_OFF.toEpochMilli();
        long count = 0;
        long heartRates = 0;

        for (Iterator<Frame> frames = session.frames(); frames.hasNext();) {
            Frame frame = frames.next();
            assertThat(frame.getDeviceName()).isEqualTo("864475041000001");
            assertThat(frame.getTimestamp()).isEqualTo(expected);
            assertThat(frame.getGnssTimestamp()).isEqualTo(expected);
            if (expected % 1000 == 0) {
                assertThat(frame.getHeartRate()).as("heart rate at %d", expected).isNotNull().isBetween(20, 250);
                heartRates++;
            } else {
                assertThat(frame.getHeartRate()).as("heart rate at %d", expected).isNull();
            }
            PitchModel.PitchPoint point = PITCH.toPitch(new PitchModel.LatLon(frame.getLatitude(), frame.getLongitude()));
            assertThat(point.x()).isBetween(-0.01, PITCH.length() + 0.01);
            assertThat(point.y()).isBetween(-0.01, PITCH.width() + 0.01);
            assertThat(frame.getAltitude()).isCloseTo(35.0, within(1.0));
            assertThat(frame.getSpeed()).isBetween(0.0, 9.0);
            expected += 100;
            count++;
        }

        assertThat(count).isEqualTo(54_000).isEqualTo(session.frameCount());
        assertThat(heartRates).isEqualTo(5_400);
    }

    @Test
    void valuesAreRoundedAsAReceiverReportsThem() {
        List<Frame> frames = SimulatedSession.of("d", 3L, PITCH, KICK_OFF, Duration.ofSeconds(20)).frameStream().toList();

        assertThat(frames).hasSize(200).allSatisfy(frame -> {
            assertThat(frame.getLatitude() * 1e7).isCloseTo(Math.rint(frame.getLatitude() * 1e7), within(1e-6));
            assertThat(frame.getLongitude() * 1e7).isCloseTo(Math.rint(frame.getLongitude() * 1e7), within(1e-6));
            assertThat(frame.getSpeed() * 1e3).isCloseTo(Math.rint(frame.getSpeed() * 1e3), within(1e-6));
            assertThat(frame.getAltitude() * 1e3).isCloseTo(Math.rint(frame.getAltitude() * 1e3), within(1e-6));
        });
    }

    @Test
    void theSameSeedReplaysTheSameSession() {
        SimulatedSession session = SimulatedSession.of("d", 11L, PITCH, KICK_OFF, Duration.ofMinutes(5));

        List<Frame> first = session.frameStream().toList();
        List<Frame> again = session.frameStream().toList();
        List<Frame> sameSeed = SimulatedSession.of("d", 11L, PITCH, KICK_OFF, Duration.ofMinutes(5)).frameStream().toList();
        List<Frame> otherSeed = SimulatedSession.of("d", 12L, PITCH, KICK_OFF, Duration.ofMinutes(5)).frameStream().toList();

        assertThat(again).isEqualTo(first);
        assertThat(sameSeed).isEqualTo(first);
        assertThat(otherSeed).hasSameSizeAs(first).isNotEqualTo(first);
    }

    @Test
    void aLaterStartShiftsTheTimesOfTheSameMotion() {
        List<Frame> early = SimulatedSession.of("d", 5L, PITCH, KICK_OFF, Duration.ofSeconds(30)).frameStream().toList();
        List<Frame> late = SimulatedSession.of("d", 5L, PITCH, KICK_OFF.plusSeconds(3600), Duration.ofSeconds(30)).frameStream()
                .toList();

        for (int i = 0; i < early.size(); i++) {
            assertThat(late.get(i).getTimestamp()).isEqualTo(early.get(i).getTimestamp() + 3_600_000L);
            assertThat(late.get(i).getLatitude()).isEqualTo(early.get(i).getLatitude());
            assertThat(late.get(i).getSpeed()).isEqualTo(early.get(i).getSpeed());
        }
    }

    @Test
    void fixesAreTheFramesWithoutHeartRate() {
        SimulatedSession session = SimulatedSession.of("d", 5L, PITCH, KICK_OFF, Duration.ofSeconds(10));
        Iterator<Frame> frames = session.frames();

        for (Iterator<AsiFix> fixes = session.fixes(); fixes.hasNext();) {
            AsiFix fix = fixes.next();
            Frame frame = frames.next();
            assertThat(fix).isEqualTo(new AsiFix(frame.getTimestamp(), frame.getLatitude(), frame.getLongitude(),
                    frame.getAltitude(), frame.getSpeed()));
        }
        assertThat(frames.hasNext()).isFalse();
    }

    @Test
    void theStartIsRoundedDownTo100MsAndAPartialFrameCounts() {
        SimulatedSession session = SimulatedSession.of("d", 1L, PITCH, KICK_OFF.plusMillis(1_250), Duration.ofMillis(1_050));

        assertThat(session.start()).isEqualTo(KICK_OFF.plusMillis(1_200));
        assertThat(session.frameStream().map(Frame::getTimestamp).collect(Collectors.toList()))
                .hasSize(11)
                .startsWith(KICK_OFF.toEpochMilli() + 1_200)
                .endsWith(KICK_OFF.toEpochMilli() + 2_200);
    }

    @Test
    void anEndlessSessionNeverRunsOutAndAFiniteOneDoes() {
        SimulatedSession endless = SimulatedSession.endless("d", 1L, PITCH, KICK_OFF);
        SimulatedSession empty = SimulatedSession.of("d", 1L, PITCH, KICK_OFF, Duration.ZERO);

        assertThat(endless.isEndless()).isTrue();
        assertThat(endless.frameStream().limit(100_000).count()).isEqualTo(100_000);
        assertThat(empty.frames().hasNext()).isFalse();
        assertThatThrownBy(() -> empty.frames().next()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> SimulatedSession.of("d", 1L, PITCH, KICK_OFF, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
