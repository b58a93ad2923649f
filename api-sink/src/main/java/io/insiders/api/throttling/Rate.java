package io.insiders.api.throttling;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A request rate in Django REST Framework's notation, {@code N/period}: {@code 100/minute},
 * {@code 10/second}, {@code 5000/hour}, {@code 100000/day}. The period may be shortened as DRF's
 * settings usually are ({@code s}, {@code sec}, {@code m}, {@code min}, {@code h}, {@code d}) or
 * given in the plural.
 *
 * @param requests how many requests a client may make in one period (at least 1)
 * @param period the length of the period
 */
public record Rate(long requests, Duration period) {

    private static final Map<String, Duration> PERIODS = Map.ofEntries(
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("second", Duration.ofSeconds(1)), Map.entry("seconds", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("minute", Duration.ofMinutes(1)), Map.entry("minutes", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("hour", Duration.ofHours(1)), Map.entry("hours", Duration.ofHours(1)),
            Map.entry("d", Duration.ofDays(1)), Map.entry("day", Duration.ofDays(1)), Map.entry("days", Duration.ofDays(1)));

    public Rate {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate allows at least 1 request per period, not " + requests);
        }
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate's period must be positive, not " + period);
        }
    }

    /**
     * Reads {@code N/period}. Spaces around the parts are ignored; anything else that is not a
     * positive integer, a slash and one of the known periods is refused with the reason.
     */
    public static Rate parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length != 2) {
            throw invalid(text);
        }
        String count = parts[0].strip();
        Duration period = PERIODS.get(parts[1].strip().toLowerCase(Locale.ROOT));
        if (period == null || count.isEmpty() || count.length() > 18 || !count.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text);
        }
        long requests = Long.parseLong(count);
        if (requests < 1) {
            throw new IllegalArgumentException("invalid rate '" + text + "': it must allow at least 1 request");
        }
        return new Rate(requests, period);
    }

    /** The same as {@link #parse(String)}: the name Spring Boot's binder looks for to convert a property. */
    public static Rate valueOf(String text) {
        return parse(text);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid rate '" + text
                + "': expected N/second, N/minute, N/hour or N/day, for example 100/minute");
    }

    /** The rate as it is written in the settings, {@code 100/minute}. */
    @Override
    public String toString() {
        String unit;
        if (period.equals(Duration.ofSeconds(1))) {
            unit = "second";
        } else if (period.equals(Duration.ofMinutes(1))) {
            unit = "minute";
        } else if (period.equals(Duration.ofHours(1))) {
            unit = "hour";
        } else if (period.equals(Duration.ofDays(1))) {
            unit = "day";
        } else {
            unit = period.toString();
        }
        return requests + "/" + unit;
    }
}
