package io.insiders.schemas.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-testing harness for plain JUnit tests: a generator fed by a seeded random source, a check run on each
 * generated input, and a failure message that names the property, seed and try so that the failing input can be
 * generated again. Byte arrays that fail are shrunk by removing runs of bytes while the check still fails.
 *
 * <p>The seed is fixed by default so that runs repeat; {@code -Dinsiders.property.seed=...} explores other inputs.
 */
public final class PropertyCheck {

    /** The system property that sets {@link #SEED}. */
    public static final String SEED_PROPERTY = "insiders.property.seed";

    /** The seed of every random source; fixed unless {@value #SEED_PROPERTY} is set. */
    public static final long SEED = Long.getLong(SEED_PROPERTY, 0x5EED_A51L);

    /** One generated decimal in this many is an edge case: a bound of its range, or zero. */
    private static final int EDGE_CASE_ONE_IN = 16;
    private static final int MAX_SHRINK_STEPS = 2_000;
    private static final int SHOWN_BYTES = 512;

    private PropertyCheck() {
    }

    /**
     * Runs {@code check} on {@code tries} inputs made by {@code generator}; the first input that fails it is reported with
     * {@code show}.
     */
    public static <T> void forAll(String property, int tries, Function<SplittableRandom, T> generator, Function<T, String> show,
            Consumer<T> check) {
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(random(property, i));
            Throwable failure = failure(check, input);
            if (failure != null) {
                throw new AssertionError(property + " failed at try " + i + " of seed " + SEED + ": " + show.apply(input),
                        failure);
            }
        }
    }

    /** Like {@link #forAll(String, int, Function, Function, Consumer)}, showing a failing input with its {@code toString}. */
    public static <T> void forAll(String property, int tries, Function<SplittableRandom, T> generator, Consumer<T> check) {
        forAll(property, tries, generator, String::valueOf, check);
    }

    /** Like {@link #forAll(String, int, Function, Function, Consumer)}, for byte arrays, shrinking a failing array before reporting it. */
    public static void forAllBytes(String property, int tries, Function<SplittableRandom, byte[]> generator,
            Consumer<byte[]> check) {
        for (int i = 0; i < tries; i++) {
            byte[] input = generator.apply(random(property, i));
            Throwable failure = failure(check, input);
            if (failure != null) {
                byte[] small = shrink(input, check);
                throw new AssertionError(property + " failed at try " + i + " of seed " + SEED + " on " + input.length
                        + " bytes; shrunk to " + small.length + " bytes: " + hex(small), failure(check, small));
            }
        }
    }

    /** The random source of one try: the same for the same seed, property and try. */
    public static SplittableRandom random(String property, int attempt) {
        return new SplittableRandom(SEED ^ (long) property.hashCode() << 32 ^ attempt * 0x9E37_79B9_7F4A_7C15L);
    }

    /**
     * A decimal from {@code min} to {@code max} inclusive with at most {@code scale} digits after the point: uniform over
     * those decimals, except that now and then it is an edge case instead ({@code min}, {@code max}, or zero when in range).
     */
    public static double decimal(SplittableRandom random, double min, double max, int scale) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "]");
        }
        if (random.nextInt(EDGE_CASE_ONE_IN) == 0) {
            boolean zeroInRange = min < 0.0 && max > 0.0;
            return switch (random.nextInt(zeroInRange ? 3 : 2)) {
                case 0 -> min;
                case 1 -> max;
                default -> 0.0;
            };
        }
        long low = BigDecimal.valueOf(min).setScale(scale, RoundingMode.CEILING).unscaledValue().longValueExact();
        long high = BigDecimal.valueOf(max).setScale(scale, RoundingMode.FLOOR).unscaledValue().longValueExact();
        if (low > high) {
            return min;
        }
        double value = BigDecimal.valueOf(random.nextLong(low, high + 1), scale).doubleValue();
        return Math.max(min, Math.min(max, value));
    }

    /** The bytes in hexadecimal, cut after the first 512. */
    public static String hex(byte[] bytes) {
        String shown = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
        return bytes.length > SHOWN_BYTES ? shown + "..." : shown;
    }

    private static <T> Throwable failure(Consumer<T> check, T input) {
        try {
            check.accept(input);
            return null;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return e;
        }
    }

    private static byte[] shrink(byte[] input, Consumer<byte[]> check) {
        byte[] current = input;
        int steps = 0;
        for (int chunk = Math.max(1, current.length / 2); chunk >= 1 && steps < MAX_SHRINK_STEPS; chunk /= 2) {
            boolean removed = true;
            while (removed && steps < MAX_SHRINK_STEPS) {
                removed = false;
                for (int start = 0; start + chunk <= current.length && steps < MAX_SHRINK_STEPS; start += chunk) {
                    steps++;
                    byte[] candidate = new byte[current.length - chunk];
                    System.arraycopy(current, 0, candidate, 0, start);
                    System.arraycopy(current, start + chunk, candidate, start, current.length - start - chunk);
                    if (failure(check, candidate) != null) {
                        current = candidate;
                        removed = true;
                        break;
                    }
                }
            }
        }
        return current;
    }
}
