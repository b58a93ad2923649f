package io.insiders.ingest.simulator;

/**
 * What a simulated player is doing: each activity draws a target speed and a length of time from its ranges.
 *
 * <p>The weights are the chance of picking the activity when the previous one ends. With the mean lengths they give
 * roughly the share of a match outfield players spend in each: about a fifth standing, two fifths walking, a third
 * jogging or running and a few percent sprinting.
 */
public enum Activity {

    /** Standing or shuffling between actions. */
    STANDING(0.0, 0.5, 2.0, 14.0, 0.21),
    /** Walking. */
    WALKING(1.0, 2.0, 4.0, 20.0, 0.28),
    /** Jogging or running. */
    RUNNING(2.5, 5.5, 3.0, 12.0, 0.39),
    /** A sprint of a few seconds. */
    SPRINTING(6.0, 9.0, 2.0, 5.0, 0.12);

    private final double minSpeed;
    private final double maxSpeed;
    private final double minSeconds;
    private final double maxSeconds;
    private final double weight;

    Activity(double minSpeed, double maxSpeed, double minSeconds, double maxSeconds, double weight) {
        this.minSpeed = minSpeed;
        this.maxSpeed = maxSpeed;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.weight = weight;
    }

    /** Lowest target speed, m/s. */
    public double minSpeed() {
        return minSpeed;
    }

    /** Highest target speed, m/s. */
    public double maxSpeed() {
        return maxSpeed;
    }

    /** Shortest time spent in the activity once picked, seconds. */
    public double minSeconds() {
        return minSeconds;
    }

    /** Longest time spent in the activity once picked, seconds. */
    public double maxSeconds() {
        return maxSeconds;
    }

    double weight() {
        return weight;
    }
}
