package io.insiders.schemas;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the project writes them for people and the API's clients: ISO 8601 in UTC, with
 * microseconds only when the fraction of the second is not zero (as Python's {@code isoformat}
 * does, which the API's existing clients expect).
 */
public final class IsoTimes {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private IsoTimes() {
    }

    /** {@code 2021-05-29T16:12:00Z}, or {@code 2021-05-29T17:31:11.900000Z}. */
    public static String zulu(long epochMillis) {
        return local(epochMillis) + "Z";
    }

    /** {@code 2021-11-13T10:43:31.900000+00:00}, or {@code 2021-11-13T10:43:31+00:00}. */
    public static String offset(long epochMillis) {
        return local(epochMillis) + "+00:00";
    }

    private static String local(long epochMillis) {
        LocalDateTime time = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        return (time.getNano() == 0 ? SECONDS : MICROS).format(time);
    }
}
