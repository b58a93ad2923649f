package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlayerTest {

    /** 90 minutes at 10 Hz. */
    private static final int MATCH_STEPS = 54_000;

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 42L, -7L, 123_456_789L})
    void staysOnThePitchWithinSpeedAccelerationAndTurnBounds(long seed) {
        PitchModel pitch = PitchModel.paris();
        Player player = new Player(pitch, seed);
        double previousSpeed = player.speed();
        double previousHeading = player.heading();

        for (int i = 0; i < MATCH_STEPS; i++) {
            player.step();
            double speed = player.speed();
            assertThat(pitch.contains(player.x(), player.y())).as("step %d at %.2f, %.2f", i, player.x(), player.y()).isTrue();
            assertThat(speed).as("speed at step %d", i).isBetween(0.0, 9.0);
            assertThat(Math.abs(speed - previousSpeed) / Player.STEP_SECONDS).as("acceleration at step %d", i)
                    .isLessThanOrEqualTo(4.5 + 1e-9);
            double turn = Math.abs(Math.IEEEremainder(player.heading() - previousHeading, 2.0 * Math.PI));
            assertThat(turn).as("heading change at step %d", i).isLessThanOrEqualTo(Math.PI * Player.STEP_SECONDS + 1e-9);
            assertThat(turn / Player.STEP_SECONDS * Math.min(speed, previousSpeed)).as("sideways acceleration at step %d", i)
                    .isLessThanOrEqualTo(6.0);
            assertThat(player.altitude()).isBetween(34.0, 36.0);
            previousSpeed = speed;
            previousHeading = player.heading();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 2021L})
    void aMatchMixesPausesWalksRunsAndShortSprintsInPlausibleShares(long seed) {
        Player player = new Player(PitchModel.paris(), seed);
        Map<Activity, Integer> steps = new EnumMap<>(Activity.class);
        int sprints = 0;
        int sprintSteps = 0;
        int longestSprint = 0;
        int pauses = 0;
        boolean inPause = false;

        for (int i = 0; i < MATCH_STEPS; i++) {
            player.step();
            Activity band = band(player.speed());
            steps.merge(band, 1, Integer::sum);
            if (band == Activity.SPRINTING) {
                sprints += sprintSteps == 0 ? 1 : 0;
                sprintSteps++;
                longestSprint = Math.max(longestSprint, sprintSteps);
            } else {
                sprintSteps = 0;
            }
            if (band == Activity.STANDING && !inPause) {
                pauses++;
            }
            inPause = band == Activity.STANDING;
        }

        assertThat(share(steps, Activity.STANDING)).as("standing").isBetween(0.10, 0.35);
        assertThat(share(steps, Activity.WALKING)).as("walking").isBetween(0.25, 0.55);
        assertThat(share(steps, Activity.RUNNING)).as("jogging and running").isBetween(0.20, 0.50);
        assertThat(share(steps, Activity.SPRINTING)).as("sprinting").isBetween(0.01, 0.10);
        assertThat(sprints).as("sprints in 90 minutes").isBetween(30, 400);
        assertThat(longestSprint * Player.STEP_SECONDS).as("longest sprint, seconds").isLessThanOrEqualTo(7.0);
        assertThat(pauses).as("pauses in 90 minutes").isGreaterThan(50);
    }

    @Test
    void theHeartRateFollowsEffortWithinRestAndPeak() {
        Player player = new Player(PitchModel.paris(), 5L);
        assertThat(player.heartRate()).as("at rest").isBetween(70.0, 90.0);
        double[] recentSpeeds = new double[100];
        double hardSum = 0;
        int hard = 0;
        double easySum = 0;
        int easy = 0;
        double max = 0;

        for (int i = 0; i < MATCH_STEPS; i++) {
            player.step();
            recentSpeeds[i % recentSpeeds.length] = player.speed();
            double heartRate = player.heartRate();
            max = Math.max(max, heartRate);
            assertThat(heartRate).isBetween(60.0, 190.0);
            assertThat(player.heartRateSample()).isBetween(20, 250);
            if (i >= recentSpeeds.length) {
                double effort = Arrays.stream(recentSpeeds).average().orElseThrow();
                if (effort > 4.0) {
                    hardSum += heartRate;
                    hard++;
                } else if (effort < 1.0) {
                    easySum += heartRate;
                    easy++;
                }
            }
        }

        assertThat(hard).isPositive();
        assertThat(easy).isPositive();
        assertThat(hardSum / hard).as("mean heart rate after 10 s of running").isGreaterThan(easySum / easy + 20.0);
        assertThat(max).as("highest heart rate").isGreaterThan(155.0);
    }

    @Test
    void theSameSeedMakesTheSameRunAndAnotherSeedAnother() {
        Player one = new Player(PitchModel.paris(), 99L);
        Player same = new Player(PitchModel.paris(), 99L);
        Player other = new Player(PitchModel.paris(), 100L);
        double difference = 0;

        for (int i = 0; i < 6_000; i++) {
            one.step();
            same.step();
            other.step();
            assertThat(same.x()).isEqualTo(one.x());
            assertThat(same.y()).isEqualTo(one.y());
            assertThat(same.speed()).isEqualTo(one.speed());
            assertThat(same.heartRate()).isEqualTo(one.heartRate());
            difference += Math.hypot(other.x() - one.x(), other.y() - one.y());
        }

        assertThat(difference / 6_000).as("mean distance between two seeds' players").isGreaterThan(5.0);
    }

    @Test
    void startsOnThePitchStandingAtRest() {
        Player player = new Player(PitchModel.of(51.5, -0.1, 200.0), 8L);

        assertThat(player.pitch().contains(player.x(), player.y())).isTrue();
        assertThat(player.speed()).isZero();
        assertThat(player.activity()).isEqualTo(Activity.STANDING);
        assertThat(player.altitude()).isCloseTo(35.0, within(1.0));
    }

    /** The activity whose speed band holds {@code speed}, the gaps between bands going to the slower one. */
    private static Activity band(double speed) {
        if (speed < 0.7) {
            return Activity.STANDING;
        }
        if (speed < 2.2) {
            return Activity.WALKING;
        }
        return speed < Activity.SPRINTING.minSpeed() ? Activity.RUNNING : Activity.SPRINTING;
    }

    private static double share(Map<Activity, Integer> steps, Activity activity) {
        return steps.getOrDefault(activity, 0) / (double) MATCH_STEPS;
    }
}
