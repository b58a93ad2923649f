package io.insiders.ingest.simulator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parsing of the simulator's option values, shared by the command line and the library. */
public final class Options {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Options() {
    }

    /**
     * A duration such as {@code 90m}, {@code 30s}, {@code 1h}, {@code 500ms}, {@code 2d}, several run together
     * ({@code 1h30m}), or ISO-8601 ({@code PT90M}).
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static Duration duration(String text) {
        String value = text.trim();
        if (value.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", e);
            }
        }
        Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 90m, 30s, 1h30m, 500ms or PT90M");
        }
        return total;
    }

    /** The constant of {@code type} named {@code name}, in any case. */
    static <E extends Enum<E>> E parse(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name.trim())) {
                return constant;
            }
        }
        String expected = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + name + "' is not one of " + expected);
    }
}
