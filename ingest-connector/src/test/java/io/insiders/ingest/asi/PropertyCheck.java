package io.insiders.ingest.asi;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-testing harness: a generator fed by a seeded random source, a check run on each generated input, and
 * a failure message that names the seed and try so that the failing input can be generated again. Byte arrays that fail
 * are shrunk by removing runs of bytes while the check still fails.
 */
final class PropertyCheck {

    /** Fixed by default so that runs repeat; {@code -Dasi.property.seed=...} explores other inputs. */
    static final long SEED = Long.getLong("asi.property.seed", 0x5EED_A51L);

    private static final int MAX_SHRINK_STEPS = 2_000;
    private static final int SHOWN_BYTES = 512;

    private PropertyCheck() {
    }

    /** Runs {@code check} on {@code tries} inputs made by {@code generator}. */
    static <T> void forAll(String property, int tries, Function<SplittableRandom, T> generator, Function<T, String> show,
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

    /** Like {@link #forAll}, for byte arrays, shrinking a failing array before reporting it. */
    static void forAllBytes(String property, int tries, Function<SplittableRandom, byte[]> generator, Consumer<byte[]> check) {
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
    static SplittableRandom random(String property, int attempt) {
        return new SplittableRandom(SEED ^ (long) property.hashCode() << 32 ^ attempt * 0x9E37_79B9_7F4A_7C15L);
    }

    static String hex(byte[] bytes) {
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
