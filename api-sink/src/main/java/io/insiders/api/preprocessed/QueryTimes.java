package io.insiders.api.preprocessed;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time given in a query ({@code start}, {@code stop}): epoch milliseconds, or an ISO 8601
 * date-time in the forms the API's clients send, as the Django service before this one read them:
 *
 * <ul>
 *   <li>{@code 2021-05-29T00:00:00Z}, {@code 2021-05-29T00:00:00+00:00}, {@code 2021-05-29T00:00:00+0000},
 *       {@code 2020-02-20T13:00:00+0100}, {@code +01} (hours only), {@code -05:30};</li>
 *   <li>seconds optional ({@code 2021-05-29T00:00Z}), a fraction of up to 12 digits after {@code .} or {@code ,}
 *       (read to the microsecond), a space instead of {@code T}, and a date alone (its midnight);</li>
 *   <li>no offset: UTC;</li>
 *   <li>a space where the offset's sign should be ({@code 2021-05-29T00:00:00 0000}) is a {@code +} that the
 *       query's form decoding turned into a space: clients rarely encode it.</li>
 * </ul>
 *
 * <p>Times are read to the microsecond (the resolution of the API's output); the caller rounds them to the
 * stores' milliseconds.
 */
public final class QueryTimes {

    /** The message of a time that cannot be read, in Django REST Framework's words. */
    public static final String INVALID = "Datetime has wrong format. Use one of these formats instead: "
            + "timestamp in milliseconds, YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|+HHMM|-HH:MM|-HHMM|Z].";

    /** The latest instant read: 9999-12-31T23:59:59.999999Z. */
    private static final long MAX_MICROS = 253_402_300_799_999_999L;
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:[.,](\\d{1,12}))?)?"
            + "\\s*(Z|[+\\- ](\\d{2})(?::?(\\d{2}))?)?)?");

    private QueryTimes() {
    }

    /** {@code text} as epoch microseconds, or empty when it is no time this API reads. */
    public static OptionalLong epochMicros(String text) {
        String value = text.strip();
        if (EPOCH_MILLIS.matcher(value).matches()) {
            long micros = Long.parseLong(value) * 1000;
            return micros <= MAX_MICROS ? OptionalLong.of(micros) : OptionalLong.empty();
        }
        Matcher iso = DATE_TIME.matcher(value);
        if (!iso.matches()) {
            return OptionalLong.empty();
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(iso, 1), number(iso, 2), number(iso, 3), number(iso, 4), number(iso, 5),
                    number(iso, 6), micros(iso.group(7)) * 1000);
            if (local.getYear() < 1) {
                return OptionalLong.empty();
            }
            long offsetSeconds = offsetSeconds(iso);
            if (offsetSeconds == Long.MIN_VALUE) {
                return OptionalLong.empty();
            }
            long seconds = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
            return OptionalLong.of(seconds * 1_000_000 + local.getNano() / 1000);
        } catch (DateTimeException e) {
            return OptionalLong.empty();
        }
    }

    private static int number(Matcher iso, int group) {
        String digits = iso.group(group);
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** The first six digits of a fraction of a second, as microseconds; the rest is below the resolution. */
    private static int micros(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String six = (fraction + "00000").substring(0, 6);
        return Integer.parseInt(six);
    }

    /** The offset east of UTC in seconds; Long.MIN_VALUE when it is out of range (Python allows up to 23:59). */
    private static long offsetSeconds(Matcher iso) {
        String zone = iso.group(8);
        if (zone == null || "Z".equals(zone)) {
            return 0;
        }
        int hours = number(iso, 9);
        int minutes = number(iso, 10);
        if (hours > 23 || minutes > 59) {
            return Long.MIN_VALUE;
        }
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return sign * (hours * 3600L + minutes * 60L);
    }
}
