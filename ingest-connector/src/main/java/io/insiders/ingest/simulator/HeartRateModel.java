package io.insiders.ingest.simulator;

import java.util.SplittableRandom;

/**
 * A player's heart rate following effort with a lag: it rises within several seconds of a harder effort and falls back
 * more slowly, from a resting rate of 70 to 90 bpm towards a peak of 180 to 187 bpm.
 */
final class HeartRateModel {

    /** The range the pipeline accepts; the model stays well inside it, the bound only guards the contract. */
    static final int MIN_BPM = 20;
    static final int MAX_BPM = 250;

    private static final double RISE_SECONDS = 7.0;
    private static final double FALL_SECONDS = 22.0;
    /** The speed from which a player is at full effort. */
    private static final double FULL_EFFORT_SPEED = 7.5;

    private final SplittableRandom random;
    private final double rest;
    private final double peak;
    private double bpm;

    HeartRateModel(SplittableRandom random) {
        this.random = random;
        this.rest = 70.0 + 20.0 * random.nextDouble();
        this.peak = 180.0 + 7.0 * random.nextDouble();
        this.bpm = rest;
    }

    /** Moves the heart rate on by {@code seconds} at ground speed {@code speed}. */
    void update(double speed, double seconds) {
        // Concave: a jog already costs much more than half a sprint's effort.
        double effort = Math.min(1.0, Math.pow(Math.max(speed, 0.0) / FULL_EFFORT_SPEED, 0.6));
        double target = rest + (peak - rest) * effort;
        double lag = target > bpm ? RISE_SECONDS : FALL_SECONDS;
        bpm += (target - bpm) * (1.0 - Math.exp(-seconds / lag));
    }

    /** The current rate in beats per minute, without measurement noise. */
    double bpm() {
        return bpm;
    }

    /** A reading of the strap: the current rate with a beat or two of noise, rounded. */
    int sample() {
        long reading = Math.round(bpm + (random.nextDouble() - 0.5) * 3.0);
        return (int) Math.max(MIN_BPM, Math.min(MAX_BPM, reading));
    }
}
