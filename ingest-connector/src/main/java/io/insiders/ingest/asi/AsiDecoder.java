package io.insiders.ingest.asi;

import io.insiders.schemas.IsoTimes;
import io.insiders.ingest.asi.AsiFormatException.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ASI V2 file into GNSS fixes.
 *
 * <p>Every packet 9 (UBX-NAV-PVT) with date and time valid and fix type 2, 3 or 4 inside physical ranges becomes a fix;
 * the fixes are returned in time order (the device may write them out of order). A fix's time is its UTC date and time
 * plus {@code nano}, rounded half up to the millisecond. Any byte sequence is safe: decoding ends, in time linear in the
 * input, with a result or an {@link AsiFormatException}.
 *
 * <p>Keys of {@link AsiDecoding#details()}, in this order:
 * <ul>
 *   <li>{@code frames}: number of fixes returned;</li>
 *   <li>{@code rejected}: packets 9 not turned into a fix, by reason: {@code invalid_time} (date or time not flagged
 *       valid, or not a calendar date and time), {@code no_fix} (fix type other than 2, 3, 4), {@code out_of_range}
 *       (latitude beyond 90 degrees, longitude beyond 180 degrees, speed negative or above 100 m/s);</li>
 *   <li>{@code first_frame_time}, {@code last_frame_time}: earliest and latest fix, ISO 8601 UTC;</li>
 *   <li>{@code truncated}: whether the file ends inside a record; then {@code truncated_at} is the offset of that
 *       record's tag byte (every whole record before it was kept);</li>
 *   <li>{@code padding_at}: present when a {@code 00} tag ended the stream, its offset;</li>
 *   <li>{@code resyncs}: records that could not be stepped over by size (no fixed size, or no schema) and were
 *       resynchronised over; {@code resync_skipped_bytes}: bytes skipped doing so, their tag bytes included.</li>
 * </ul>
 */
public final class AsiDecoder {

    private AsiDecoder() {
    }

    /**
     * Decodes a whole file.
     *
     * @throws AsiFormatException when the header is wrong, the schema table is malformed, packet 9 is missing from it or
     *                            is not 92 bytes, or no packet gives a usable fix
     */
    public static AsiDecoding decode(byte[] file) throws AsiFormatException {
        return new Run(file).decode();
    }

    /** One decoding; holds the counters while it walks the body. */
    static final class Run {

        private static final int MAX_LATITUDE = 900_000_000;
        private static final int MAX_LONGITUDE = 1_800_000_000;
        private static final int MAX_SPEED = 100_000;
        private static final int DATE_AND_TIME_VALID = 0x03;

        private final byte[] file;
        private final List<AsiFix> fixes;
        private int invalidTime;
        private int noFix;
        private int outOfRange;
        private int truncatedAt = -1;
        private int paddingAt = -1;
        private int resyncs;
        private int resyncSkipped;
        private long work;

        Run(byte[] file) {
            this.file = file;
            // Sized for a file of fixes only, but bounded: a large file of anything else must not reserve memory for nothing.
            int records = file == null ? 0 : file.length / (AsiSchema.PVT_SIZE + 1) + 1;
            this.fixes = new ArrayList<>(Math.min(records, 1 << 16));
        }

        /** Records and resynchronisation candidates examined: a measure of the work done, linear in the input. */
        long work() {
            return work;
        }

        AsiDecoding decode() throws AsiFormatException {
            AsiHeader.check(file);
            AsiSchema schema = AsiSchema.read(file);
            walk(schema);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("frames", fixes.size());
            details.put("rejected", rejected());
            if (fixes.isEmpty()) {
                putStreamEnd(details);
                throw new AsiFormatException(Rule.NO_USABLE_FIX, "no packet 9 of the file gives a usable fix (date and time"
                        + " valid, fix type 2, 3 or 4, within physical ranges)", -1, details);
            }
            sortByTime();
            details.put("first_frame_time", IsoTimes.zulu(fixes.get(0).timestamp()));
            details.put("last_frame_time", IsoTimes.zulu(fixes.get(fixes.size() - 1).timestamp()));
            putStreamEnd(details);
            return new AsiDecoding(fixes, details);
        }

        private void walk(AsiSchema schema) {
            final byte[] b = file;
            final int n = b.length;
            int pos = schema.bodyOffset();
            while (pos < n) {
                work++;
                int tag = b[pos] & 0xFF;
                if (tag == 0) {
                    paddingAt = pos;
                    return;
                }
                int id = tag >>> 4;
                int size = schema.size(id);
                if (size < 0) {
                    int payload = resync(pos + 2);
                    resyncs++;
                    if (payload < 0) {
                        resyncSkipped += n - pos;
                        return;
                    }
                    resyncSkipped += payload - 1 - pos;
                    pos = payload - 1;
                    continue;
                }
                if (size > n - pos - 1) {
                    truncatedAt = pos;
                    return;
                }
                if (id == AsiSchema.PVT_ID) {
                    pvt(pos + 1);
                }
                pos += 1 + size;
            }
        }

        /**
         * Finds the first payload position at or after {@code from} whose preceding byte is a packet 9 tag and whose 92
         * bytes look like a fix; -1 if there is none. Each call starts past the record being skipped and the walk goes on
         * from the result, so no byte is scanned twice.
         */
        private int resync(int from) {
            final byte[] b = file;
            int last = b.length - AsiSchema.PVT_SIZE;
            for (int p = from; p <= last; p++) {
                work++;
                if ((b[p - 1] & 0xF0) == AsiSchema.PVT_ID << 4 && plausible(p)) {
                    return p;
                }
            }
            return -1;
        }

        private boolean plausible(int p) {
            final byte[] b = file;
            int year = u16(p + 4);
            int month = b[p + 6] & 0xFF;
            int day = b[p + 7] & 0xFF;
            int hour = b[p + 8] & 0xFF;
            int minute = b[p + 9] & 0xFF;
            int second = b[p + 10] & 0xFF;
            return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31
                    && hour <= 23 && minute <= 59 && second <= 60;
        }

        /** Turns the UBX-NAV-PVT payload at {@code p} into a fix or counts why not; offsets are u-blox's. */
        private void pvt(int p) {
            final byte[] b = file;
            int year = u16(p + 4);
            int month = b[p + 6] & 0xFF;
            int day = b[p + 7] & 0xFF;
            int hour = b[p + 8] & 0xFF;
            int minute = b[p + 9] & 0xFF;
            int second = b[p + 10] & 0xFF;
            int valid = b[p + 11] & 0xFF;
            if ((valid & DATE_AND_TIME_VALID) != DATE_AND_TIME_VALID || !calendar(year, month, day, hour, minute, second)) {
                invalidTime++;
                return;
            }
            int fixType = b[p + 20] & 0xFF;
            if (fixType < 2 || fixType > 4) {
                noFix++;
                return;
            }
            int lon = i32(p + 24);
            int lat = i32(p + 28);
            int speed = i32(p + 60);
            // Compared as ints: Math.abs would overflow on Integer.MIN_VALUE.
            if (lat < -MAX_LATITUDE || lat > MAX_LATITUDE || lon < -MAX_LONGITUDE || lon > MAX_LONGITUDE
                    || speed < 0 || speed > MAX_SPEED) {
                outOfRange++;
                return;
            }
            int hMsl = i32(p + 36);
            long nano = i32(p + 16);
            long millis = (daysFromCivil(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second) * 1_000L
                    + Math.floorDiv(nano + 500_000L, 1_000_000L);
            fixes.add(new AsiFix(millis, lat / 1e7, lon / 1e7, hMsl / 1e3, speed / 1e3));
        }

        private void sortByTime() {
            for (int i = 1; i < fixes.size(); i++) {
                if (fixes.get(i).timestamp() < fixes.get(i - 1).timestamp()) {
                    fixes.sort(Comparator.comparingLong(AsiFix::timestamp));
                    return;
                }
            }
        }

        private Map<String, Object> rejected() {
            Map<String, Object> rejected = new LinkedHashMap<>();
            rejected.put("invalid_time", invalidTime);
            rejected.put("no_fix", noFix);
            rejected.put("out_of_range", outOfRange);
            return rejected;
        }

        private void putStreamEnd(Map<String, Object> details) {
            details.put("truncated", truncatedAt >= 0);
            if (truncatedAt >= 0) {
                details.put("truncated_at", truncatedAt);
            }
            if (paddingAt >= 0) {
                details.put("padding_at", paddingAt);
            }
            details.put("resyncs", resyncs);
            details.put("resync_skipped_bytes", resyncSkipped);
        }

        private int u16(int at) {
            return (file[at] & 0xFF) | (file[at + 1] & 0xFF) << 8;
        }

        private int i32(int at) {
            return (file[at] & 0xFF) | (file[at + 1] & 0xFF) << 8 | (file[at + 2] & 0xFF) << 16 | file[at + 3] << 24;
        }
    }

    /** Whether the fields name a real UTC date and time; second 60 is a leap second. */
    static boolean calendar(int year, int month, int day, int hour, int minute, int second) {
        return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
                && hour <= 23 && minute <= 59 && second <= 60;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), without allocating. */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
