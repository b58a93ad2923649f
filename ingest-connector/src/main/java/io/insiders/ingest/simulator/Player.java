package io.insiders.ingest.simulator;

import java.util.SplittableRandom;

/**
 * One simulated player wandering on a pitch, moved on in steps of {@value #STEP_SECONDS} s (10 Hz).
 *
 * <p>The player goes from one {@link Activity} to another, each with a target speed, and heads for waypoints drawn around
 * a home area of its own (as players keep to a position), with a slow random wobble. Speed changes at bounded
 * acceleration and heading at a bounded turn rate that falls with speed, so direction changes are smooth. Near a line
 * the player brakes so as to be able to stop before it and turns back towards its waypoint, which always lies on the
 * pitch; the position is finally held on the pitch should the braking not suffice. The same seed gives the same run.
 */
public final class Player {

    /** Time between two steps, seconds. */
    public static final double STEP_SECONDS = 0.1;
    /** Highest ground speed, m/s. */
    public static final double MAX_SPEED = Activity.SPRINTING.maxSpeed();

    private static final double ACCELERATION = 3.0;
    private static final double SPRINT_ACCELERATION = 4.5;
    private static final double DECELERATION = 4.0;
    /** Highest sideways acceleration in a turn, m/s²; the turn rate is this over the speed. */
    private static final double LATERAL_ACCELERATION = 4.0;
    private static final double TURN_RATE_AT_REST = Math.PI;
    private static final double STEERING_GAIN = 2.5;
    private static final double WAYPOINT_REACHED = 2.0;
    private static final double WAYPOINT_MARGIN = 3.0;
    private static final double LINE_MARGIN = 1.0;
    private static final double WOBBLE_SECONDS = 3.0;
    private static final double WOBBLE_SPREAD = 0.25;
    private static final double ALTITUDE = 35.0;
    private static final double ALTITUDE_SECONDS = 60.0;
    private static final double ALTITUDE_SPREAD = 0.15;

    private final PitchModel pitch;
    private final SplittableRandom random;
    private final HeartRateModel heart;
    private final double homeX;
    private final double homeY;

    private double x;
    private double y;
    private double heading;
    private double speed;
    private double wobble;
    private double altitudeOffset;
    private Activity activity;
    private double targetSpeed;
    private double activityLeft;
    private double waypointX;
    private double waypointY;

    /** A player on {@code pitch}, starting near a home area drawn from {@code seed}. */
    public Player(PitchModel pitch, long seed) {
        this.pitch = pitch;
        this.random = new SplittableRandom(seed);
        this.heart = new HeartRateModel(random.split());
        this.homeX = pitch.length() * (0.15 + 0.7 * random.nextDouble());
        this.homeY = pitch.width() * (0.15 + 0.7 * random.nextDouble());
        this.x = clamp(homeX + 5.0 * gaussian(), 0.0, pitch.length());
        this.y = clamp(homeY + 5.0 * gaussian(), 0.0, pitch.width());
        this.heading = 2.0 * Math.PI * random.nextDouble();
        this.altitudeOffset = ALTITUDE_SPREAD * gaussian();
        nextWaypoint(false);
        startActivity(Activity.STANDING);
    }

    /** Moves the player on by one step. */
    public void step() {
        double dt = STEP_SECONDS;
        activityLeft -= dt;
        if (activityLeft <= 0.0) {
            startActivity(pickActivity());
        }
        if (Math.hypot(waypointX - x, waypointY - y) < WAYPOINT_REACHED) {
            nextWaypoint(activity == Activity.SPRINTING);
        }
        // Ornstein-Uhlenbeck wobble: a heading error that drifts and comes back, as a person never runs a ruled line.
        wobble += -wobble * dt / WOBBLE_SECONDS + WOBBLE_SPREAD * Math.sqrt(2.0 * dt / WOBBLE_SECONDS) * gaussian();
        double wanted = Math.atan2(waypointY - y, waypointX - x) + wobble;
        double turn = angle(wanted - heading);
        double maxTurnRate = Math.min(TURN_RATE_AT_REST, LATERAL_ACCELERATION / Math.max(speed, 0.1));
        heading = angle(heading + clamp(STEERING_GAIN * turn, -maxTurnRate, maxTurnRate) * dt);

        double allowed = targetSpeed;
        // Brake so as to be able to stop before the line ahead.
        double room = Math.max(0.0, distanceToLine() - LINE_MARGIN);
        allowed = Math.min(allowed, Math.sqrt(2.0 * DECELERATION * room));
        // A sharp turn is taken slowly.
        if (Math.abs(turn) > Math.PI / 2.0) {
            allowed = Math.min(allowed, Activity.WALKING.maxSpeed());
        }
        double acceleration = activity == Activity.SPRINTING ? SPRINT_ACCELERATION : ACCELERATION;
        speed = clamp(speed + clamp(allowed - speed, -DECELERATION * dt, acceleration * dt), 0.0, MAX_SPEED);

        x = clamp(x + speed * Math.cos(heading) * dt, 0.0, pitch.length());
        y = clamp(y + speed * Math.sin(heading) * dt, 0.0, pitch.width());
        heart.update(speed, dt);
        altitudeOffset += -altitudeOffset * dt / ALTITUDE_SECONDS
                + ALTITUDE_SPREAD * Math.sqrt(2.0 * dt / ALTITUDE_SECONDS) * gaussian();
    }

    /** Metres along the pitch's length from its origin corner. */
    public double x() {
        return x;
    }

    /** Metres along the pitch's width from its origin corner. */
    public double y() {
        return y;
    }

    /** Ground speed, m/s. */
    public double speed() {
        return speed;
    }

    /** Direction of motion in pitch coordinates: radians from the length's direction towards the width's, in (-π, π]. */
    public double heading() {
        return heading;
    }

    /** Height above sea level, metres: about 35 m, wandering by a few centimetres as a GNSS height does. */
    public double altitude() {
        return ALTITUDE + altitudeOffset;
    }

    public Activity activity() {
        return activity;
    }

    /** The heart rate right now, bpm, without the strap's noise. */
    public double heartRate() {
        return heart.bpm();
    }

    /** A reading of the heart rate strap, bpm. */
    public int heartRateSample() {
        return heart.sample();
    }

    public PitchModel pitch() {
        return pitch;
    }

    /** The next activity by the activities' weights; never a sprint right after a sprint, which would make a long one. */
    private Activity pickActivity() {
        Activity picked;
        do {
            picked = Activity.SPRINTING;
            double draw = random.nextDouble();
            for (Activity candidate : Activity.values()) {
                draw -= candidate.weight();
                if (draw < 0.0) {
                    picked = candidate;
                    break;
                }
            }
        } while (picked == Activity.SPRINTING && activity == Activity.SPRINTING);
        return picked;
    }

    private void startActivity(Activity next) {
        activity = next;
        targetSpeed = next.minSpeed() + (next.maxSpeed() - next.minSpeed()) * random.nextDouble();
        activityLeft = next.minSeconds() + (next.maxSeconds() - next.minSeconds()) * random.nextDouble();
        if (next == Activity.SPRINTING || random.nextDouble() < 0.4) {
            nextWaypoint(next == Activity.SPRINTING);
        }
    }

    /** A new waypoint: usually around home, sometimes anywhere; a sprint's is far enough away to sprint to. */
    private void nextWaypoint(boolean far) {
        double minX = WAYPOINT_MARGIN;
        double maxX = pitch.length() - WAYPOINT_MARGIN;
        double minY = WAYPOINT_MARGIN;
        double maxY = pitch.width() - WAYPOINT_MARGIN;
        for (int attempt = 0; attempt < 8; attempt++) {
            if (far || random.nextDouble() < 0.15) {
                waypointX = minX + (maxX - minX) * random.nextDouble();
                waypointY = minY + (maxY - minY) * random.nextDouble();
            } else {
                waypointX = clamp(homeX + 0.17 * pitch.length() * gaussian(), minX, maxX);
                waypointY = clamp(homeY + 0.17 * pitch.width() * gaussian(), minY, maxY);
            }
            if (!far || Math.hypot(waypointX - x, waypointY - y) > 25.0) {
                return;
            }
        }
    }

    /** Distance to the pitch's boundary straight ahead. */
    private double distanceToLine() {
        double dx = Math.cos(heading);
        double dy = Math.sin(heading);
        double alongX = dx > 1e-9 ? (pitch.length() - x) / dx : dx < -1e-9 ? -x / dx : Double.POSITIVE_INFINITY;
        double alongY = dy > 1e-9 ? (pitch.width() - y) / dy : dy < -1e-9 ? -y / dy : Double.POSITIVE_INFINITY;
        return Math.min(alongX, alongY);
    }

    private double gaussian() {
        // Box-Muller on the generator's own doubles, so that a seed gives the same run on every JDK.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    private static double angle(double radians) {
        double a = Math.IEEEremainder(radians, 2.0 * Math.PI);
        return a <= -Math.PI ? a + 2.0 * Math.PI : a;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
