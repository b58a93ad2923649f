package io.insiders.ingest.asi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insiders.schemas.IsoTimes;
import io.insiders.schemas.testing.PropertyCheck;
import io.insiders.ingest.asi.AsiFormatException.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Properties of the decoder over generated inputs: whatever the bytes, it ends with frames or an {@link AsiFormatException},
 * in work linear in the input; and what the writer writes decodes back to the same fixes.
 */
class AsiDecoderPropertiesTest {

    private static final int BODY = 216;
    private static final int RECORD = 1 + AsiSchema.PVT_SIZE;
    private static final long FIRST_MILLIS = 946_684_800_000L;
    private static final long END_MILLIS = 4_133_980_800_000L;
    private static final int[] WIDTHS = {8, 16, 32, -8, -16, -32};
    private static final int FOUR_MB = 4 << 20;

    /**
     * Decodes {@code input} and checks that it either gives consistent frames or is refused with a rule, after work at
     * most twice its size. Any other exception fails the property.
     */
    static void decodesOrRefuses(byte[] input) {
        AsiDecoder.Run run = new AsiDecoder.Run(input);
        try {
            AsiDecoding decoding = run.decode();
            List<AsiFix> frames = decoding.frames();
            Map<String, Object> details = decoding.details();
            assertThat(frames).isNotEmpty().isSortedAccordingTo(Comparator.comparingLong(AsiFix::timestamp));
            assertThat(frames).allSatisfy(fix -> {
                assertThat(fix.latitude()).isBetween(-90.0, 90.0);
                assertThat(fix.longitude()).isBetween(-180.0, 180.0);
                assertThat(fix.speed()).isBetween(0.0, 100.0);
            });
            assertThat(details).containsEntry("frames", frames.size()).containsKeys("rejected", "first_frame_time",
                    "last_frame_time", "truncated", "resyncs", "resync_skipped_bytes");
            assertThat((int) details.get("resync_skipped_bytes")).isBetween(0, input.length);
        } catch (AsiFormatException e) {
            assertThat(e.details()).containsEntry("rule", e.rule().code()).containsKey("error");
        }
        assertThat(run.work()).as("work on %d bytes", input.length).isLessThanOrEqualTo(2L * input.length + 2);
    }

    @Test
    void randomBytesDecodeOrAreRefused() {
        PropertyCheck.forAllBytes("random bytes", 1_000, r -> bytes(r, r.nextInt(0, 400)),
                AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void headerThenRandomBytesDecodeOrAreRefused() {
        PropertyCheck.forAllBytes("header then random bytes", 1_000,
                r -> AsiBytes.header().raw(bytes(r, r.nextInt(0, 600))).bytes(), AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void randomRecordsDecodeOrAreRefused() {
        PropertyCheck.forAllBytes("random records", 1_000, r -> randomBody(r, AsiBytes.prologue(), r.nextInt(0, 40)),
                AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void writerOutputWithChangedBytesDecodesOrIsRefused() {
        PropertyCheck.forAllBytes("changed bytes", 1_000, r -> {
            byte[] file = AsiWriter.write(randomFixes(r, r.nextInt(1, 30)));
            for (int flips = r.nextInt(1, 11); flips > 0; flips--) {
                file[r.nextInt(file.length)] ^= (byte) r.nextInt(1, 256);
            }
            return file;
        }, AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void writerOutputCutAnywhereKeepsTheWholeRecords() {
        List<AsiFix> fixes = AsiDecoderTest.fixes(25);
        byte[] file = AsiWriter.write(fixes);
        int firstFix = file.length - fixes.size() * RECORD;

        for (int cut = 0; cut <= file.length; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            decodesOrRefuses(prefix);
            int whole = Math.max(0, (cut - firstFix) / RECORD);
            boolean insideFix = cut > firstFix && (cut - firstFix) % RECORD != 0;
            if (cut < AsiHeader.LENGTH) {
                assertThat(refusal(prefix)).as("cut at %d", cut).isEqualTo(Rule.BAD_HEADER);
            } else if (cut < BODY) {
                assertThat(refusal(prefix)).as("cut at %d", cut).isIn(Rule.SCHEMA_TABLE_MALFORMED, Rule.PACKET9_MISSING);
            } else if (whole == 0) {
                assertThat(refusal(prefix)).as("cut at %d", cut).isEqualTo(Rule.NO_USABLE_FIX);
            } else {
                AsiDecoding decoding = decode(prefix);
                assertThat(decoding.frames()).as("cut at %d", cut).containsExactlyElementsOf(fixes.subList(0, whole));
                assertThat(decoding.details()).as("cut at %d", cut).containsEntry("truncated", insideFix);
                if (insideFix) {
                    assertThat(decoding.details()).containsEntry("truncated_at", firstFix + whole * RECORD);
                }
            }
        }
    }

    @Test
    void schemaTablesThatLieDecodeOrAreRefused() {
        int[] entries = entryOffsets(AsiWriter.prologueBytes());
        PropertyCheck.forAllBytes("lying schema table", 1_000, r -> {
            byte[] file = AsiWriter.write(randomFixes(r, r.nextInt(1, 10)));
            for (int lies = r.nextInt(1, 5); lies > 0; lies--) {
                int entry = entries[r.nextInt(entries.length)];
                int fields = file[entry + 1] & 0xFF;
                int field = entry + 2 + 2 * r.nextInt(Math.max(1, Math.min(fields, (BODY - entry - 2) / 2)));
                switch (r.nextInt(5)) {
                    case 0 -> file[entry + 1] = (byte) r.nextInt(256);
                    case 1 -> file[field] = (byte) new int[] {0x00, 0x07, 0x01, r.nextInt(256)}[r.nextInt(4)];
                    case 2 -> file[field + 1] = (byte) (r.nextBoolean() ? WIDTHS[r.nextInt(WIDTHS.length)] : r.nextInt(256));
                    case 3 -> file[entry] = (byte) r.nextInt(17);
                    default -> file[r.nextInt(AsiHeader.LENGTH, BODY)] = (byte) r.nextInt(256);
                }
            }
            return file;
        }, AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void randomSchemaTablesDecodeOrAreRefused() {
        PropertyCheck.forAllBytes("random schema table", 1_000, r -> {
            AsiBytes file = AsiBytes.header();
            int packets = r.nextInt(0, 16);
            for (int id = 1; id <= packets; id++) {
                int[] fields = id == 9 && r.nextInt(10) < 8 ? AsiBytes.PVT_FIELDS : randomFields(r);
                file.raw(id, fields.length);
                for (int field : fields) {
                    file.raw(field >>> 8, field & 0xFF);
                }
            }
            return randomBody(r, file, r.nextInt(0, 30));
        }, AsiDecoderPropertiesTest::decodesOrRefuses);
    }

    @Test
    void writerOutputDecodesToTheSameFixes() {
        PropertyCheck.forAll("round trip", 500, r -> randomFixes(r, r.nextInt(1, 200)), List::toString, fixes -> {
            List<AsiFix> expected = new ArrayList<>(fixes);
            expected.sort(Comparator.comparingLong(AsiFix::timestamp));

            AsiDecoding decoding = decode(AsiWriter.write(fixes));

            assertThat(decoding.frames()).containsExactlyElementsOf(expected);
            assertThat(decoding.details())
                    .containsEntry("frames", fixes.size())
                    .containsEntry("rejected", Map.of("invalid_time", 0, "no_fix", 0, "out_of_range", 0))
                    .containsEntry("first_frame_time", IsoTimes.zulu(expected.get(0).timestamp()))
                    .containsEntry("last_frame_time", IsoTimes.zulu(expected.get(expected.size() - 1).timestamp()))
                    .containsEntry("truncated", false);
        });
    }

    @Test
    void streamingWriterOutputDecodesToWhatWasWritten() {
        PropertyCheck.forAll("streaming round trip", 500, Script::random, Script::toString, script -> {
            Map<String, Object> rejected = Map.of("invalid_time", script.invalidTime, "no_fix", script.noFix,
                    "out_of_range", script.outOfRange);
            if (script.usable.isEmpty()) {
                AsiFormatException e = AsiDecoderTest.refused(script.write());
                assertThat(e.rule()).isEqualTo(Rule.NO_USABLE_FIX);
                assertThat(e.details()).containsEntry("rejected", rejected).containsEntry("resyncs", script.metadataRuns);
                return;
            }
            AsiDecoding decoding = decode(script.write());

            List<AsiFix> expected = new ArrayList<>(script.usable);
            expected.sort(Comparator.comparingLong(AsiFix::timestamp));
            assertThat(decoding.frames()).containsExactlyElementsOf(expected);
            assertThat(decoding.details()).containsEntry("rejected", rejected).containsEntry("resyncs", script.metadataRuns);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void largeRandomInputsTakeLinearWork() {
        SplittableRandom r = PropertyCheck.random("large random", 0);
        decodesOrRefuses(AsiBytes.prologue().raw(bytes(r, FOUR_MB)).bytes());
        decodesOrRefuses(randomBody(r, AsiBytes.prologue(), 40_000));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aResyncScanThatNeverMatchesTakesLinearWork() throws AsiFormatException {
        // Every byte looks like a packet 9 tag; no date is plausible, so one scan runs to the end.
        byte[] tags = new byte[FOUR_MB];
        Arrays.fill(tags, (byte) 0x95);
        byte[] file = AsiBytes.prologue().fix(AsiDecoderTest.fix(0)).raw(0x30).raw(tags).bytes();

        decodesOrRefuses(file);
        assertThat(AsiDecoder.decode(file).details()).containsEntry("resyncs", 1)
                .containsEntry("resync_skipped_bytes", 1 + FOUR_MB);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void nearlyPlausibleFixesEverywhereTakeLinearWork() {
        // A packet 9 tag every 12 bytes, each followed by a date that fails only on its last field (second 61).
        byte[] pvt = AsiBytes.withByte(AsiBytes.pvt(AsiDecoderTest.fix(0)), 10, 61);
        AsiBytes file = AsiBytes.prologue().raw(0x30);
        while (file.size() < FOUR_MB) {
            file.raw(0x95).raw(Arrays.copyOf(pvt, 11));
        }
        decodesOrRefuses(file.raw(0x95).raw(AsiBytes.pvt(AsiDecoderTest.fix(1))).bytes());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void manyResyncsTakeLinearWork() throws AsiFormatException {
        AsiBytes file = AsiBytes.prologue();
        int count = 0;
        while (file.size() < FOUR_MB) {
            file.record(3, new byte[] {1, 5, 'h', 'e', 'l', 'l', 'o'}).record(11, new byte[] {0x12}).fix(AsiDecoderTest.fix(count++));
        }
        byte[] bytes = file.bytes();

        decodesOrRefuses(bytes);
        AsiDecoding decoding = AsiDecoder.decode(bytes);
        assertThat(decoding.frames()).hasSize(count);
        assertThat(decoding.details()).containsEntry("resyncs", count).containsEntry("resync_skipped_bytes", 10 * count);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aNinetyMinuteMatchDecodes() {
        List<AsiFix> fixes = new ArrayList<>();
        for (int i = 0; i < 54_000; i++) {
            fixes.add(AsiDecoderTest.fix(i));
        }
        byte[] file = AsiWriter.write(fixes);

        decodesOrRefuses(file);
        assertThat(decode(file).frames()).containsExactlyElementsOf(fixes);
    }

    @Test
    void decodingNullIsRefused() {
        assertThatThrownBy(() -> AsiDecoder.decode(null)).isInstanceOf(AsiFormatException.class);
    }

    /** A sequence of streaming writer calls and what the decoder should make of it. */
    record Script(List<Object[]> calls, List<AsiFix> usable, int invalidTime, int noFix, int outOfRange, int metadataRuns) {

        static Script random(SplittableRandom r) {
            List<Object[]> calls = new ArrayList<>();
            List<AsiFix> usable = new ArrayList<>();
            int invalidTime = 0;
            int noFix = 0;
            int outOfRange = 0;
            int metadataRuns = 0;
            for (AsiFix fix : randomFixes(r, r.nextInt(1, 60))) {
                // Each metadata record is followed by a fix, which is where the decoder resynchronises.
                if (r.nextInt(8) == 0) {
                    calls.add(new Object[] {"x".repeat(r.nextInt(0, AsiWriter.MAX_METADATA_LENGTH + 1))});
                    metadataRuns++;
                }
                int fixType = r.nextInt(8) == 0 ? r.nextInt(0, 8) : 3;
                boolean timeValid = r.nextInt(8) != 0;
                boolean outside = r.nextInt(10) == 0;
                calls.add(new Object[] {outside ? new AsiFix(fix.timestamp(), 90.0000001, 0, 0, 0) : fix, fixType, timeValid});
                if (!timeValid) {
                    invalidTime++;
                } else if (fixType < 2 || fixType > 4) {
                    noFix++;
                } else if (outside) {
                    outOfRange++;
                } else {
                    usable.add(fix);
                }
            }
            return new Script(calls, usable, invalidTime, noFix, outOfRange, metadataRuns);
        }

        byte[] write() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (AsiWriter writer = AsiWriter.open(out)) {
                for (Object[] call : calls) {
                    if (call.length == 1) {
                        writer.writeMetadata((String) call[0]);
                    } else {
                        writer.writeFix((AsiFix) call[0], (int) call[1], (boolean) call[2]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Object[] call : calls) {
                text.append(Arrays.toString(call)).append('\n');
            }
            return text.toString();
        }
    }

    private static AsiDecoding decode(byte[] file) {
        return AsiDecoderTest.decode(file);
    }

    private static Rule refusal(byte[] file) {
        return AsiDecoderTest.refused(file).rule();
    }

    static byte[] bytes(SplittableRandom r, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) r.nextInt(256);
        }
        return bytes;
    }

    /** Fixes with random values inside physical ranges, in time order or not, dated 2000 to 2100. */
    static List<AsiFix> randomFixes(SplittableRandom r, int count) {
        List<AsiFix> fixes = new ArrayList<>();
        boolean ordered = r.nextBoolean();
        long start = switch (r.nextInt(4)) {
            case 0 -> FIRST_MILLIS;
            case 1 -> END_MILLIS - 100L * count;
            default -> r.nextLong(FIRST_MILLIS, END_MILLIS - 100L * count);
        };
        for (int i = 0; i < count; i++) {
            long time = ordered ? start + 100L * i : r.nextLong(FIRST_MILLIS, END_MILLIS);
            fixes.add(new AsiFix(time,
                    r.nextInt(-900_000_000, 900_000_001) / 1e7,
                    r.nextInt(-1_800_000_000, 1_800_000_001) / 1e7,
                    r.nextInt(-1_000_000, 10_000_000) / 1e3,
                    r.nextInt(0, 100_001) / 1e3));
        }
        return fixes;
    }

    /** Appends records of every kind the body can hold, well formed or not, in random order. */
    static byte[] randomBody(SplittableRandom r, AsiBytes file, int records) {
        for (int i = 0; i < records; i++) {
            switch (r.nextInt(10)) {
                case 0, 1, 2 -> file.record(9, AsiWriter.pvtPayload(randomFixes(r, 1).get(0), r.nextInt(0, 6), r.nextInt(4) > 0));
                case 3 -> {
                    byte[] pvt = AsiBytes.pvt(randomFixes(r, 1).get(0));
                    int offset = new int[] {4, 6, 7, 8, 9, 10, 11, 16, 20, 24, 28, 36, 60}[r.nextInt(13)];
                    file.record(9, AsiBytes.withInt(pvt, Math.min(offset, 88), r.nextInt()));
                }
                case 4 -> file.record(3, bytes(r, r.nextInt(0, 300)));
                case 5 -> file.record(r.nextInt(10, 16), bytes(r, r.nextInt(0, 120)));
                case 6 -> file.record(2, bytes(r, 52));
                case 7 -> file.raw(bytes(r, r.nextInt(1, 100)));
                case 8 -> file.raw(0x90 | r.nextInt(16)).raw(Arrays.copyOf(AsiBytes.pvt(randomFixes(r, 1).get(0)), r.nextInt(0, 92)));
                default -> {
                    if (r.nextInt(5) == 0) {
                        file.raw(0);
                    } else {
                        file.record(8, bytes(r, 4));
                    }
                }
            }
        }
        return file.bytes();
    }

    private static int[] randomFields(SplittableRandom r) {
        int[] fields = new int[r.nextInt(0, 40)];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = switch (r.nextInt(5)) {
                case 0, 1 -> WIDTHS[r.nextInt(WIDTHS.length)] & 0xFF;
                case 2 -> 0x0700 | r.nextInt(256);
                case 3 -> r.nextInt(1, 7) << 8 | r.nextInt(256);
                default -> r.nextInt(1 << 16);
            };
        }
        return fields;
    }

    private static int[] entryOffsets(byte[] prologue) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = AsiHeader.LENGTH; at < prologue.length; at += 2 + 2 * (prologue[at + 1] & 0xFF)) {
            offsets.add(at);
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
