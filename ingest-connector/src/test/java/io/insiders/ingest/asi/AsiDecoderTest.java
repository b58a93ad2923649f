package io.insiders.ingest.asi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.insiders.ingest.asi.AsiFormatException.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsiDecoderTest {

    /** 2021-05-29T16:12:00Z. */
    static final long T0 = 1_622_304_720_000L;
    private static final int U8 = 0x0008;
    private static final int TEXT = 0x0100;
    private static final int RECORD = 1 + AsiSchema.PVT_SIZE;
    private static final int BODY = 216;

    static AsiFix fix(int i) {
        return new AsiFix(T0 + 100L * i, (488_412_000 + i) / 1e7, (22_530_000 + 2 * i) / 1e7, (35_000 + i) / 1e3, 1_833 / 1e3);
    }

    static List<AsiFix> fixes(int count) {
        List<AsiFix> fixes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixes.add(fix(i));
        }
        return fixes;
    }

    static AsiDecoding decode(AsiBytes file) {
        return decode(file.bytes());
    }

    static AsiDecoding decode(byte[] file) {
        try {
            return AsiDecoder.decode(file);
        } catch (AsiFormatException e) {
            throw new AssertionError("refused: " + e.details(), e);
        }
    }

    static AsiFormatException refused(byte[] file) {
        AsiFormatException e = catchThrowableOfType(AsiFormatException.class, () -> AsiDecoder.decode(file));
        assertThat(e).as("decoding is refused").isNotNull();
        assertThat(e.details()).containsEntry("rule", e.rule().code()).containsEntry("error", e.getMessage());
        e.offset().ifPresent(offset -> assertThat(e.details()).containsEntry("offset", offset));
        return e;
    }

    static int[][] packetsOfOneByte(int count) {
        int[][] packets = new int[count][];
        Arrays.fill(packets, new int[] {U8});
        return packets;
    }

    @Test
    void badMagic() {
        byte[] file = AsiWriter.write(fixes(1));
        file[0] = 'a';

        AsiFormatException e = refused(file);

        assertThat(e.rule()).isEqualTo(Rule.BAD_HEADER);
        assertThat(e.offset()).hasValue(0);
    }

    @Test
    void schemaEntryCutShort() {
        AsiFormatException beforeCount = refused(AsiBytes.header().raw(1).bytes());
        AsiFormatException insideFields = refused(AsiBytes.header().raw(1, 5, 0x00, 0x08).bytes());

        assertThat(beforeCount.rule()).isEqualTo(Rule.SCHEMA_TABLE_MALFORMED);
        assertThat(beforeCount.offset()).hasValue(18);
        assertThat(insideFields.rule()).isEqualTo(Rule.SCHEMA_TABLE_MALFORMED);
        assertThat(insideFields.offset()).hasValue(18);
        assertThat(insideFields).hasMessageContaining("declares 5 fields");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x0001, 0x000C, 0x0018, 0x0040, 0x0080, 0x00FF})
    void integerOfAnUnknownWidth(int field) {
        AsiFormatException e = refused(AsiBytes.header().schema(new int[] {U8, field}).bytes());

        assertThat(e.rule()).isEqualTo(Rule.SCHEMA_TABLE_MALFORMED);
        assertThat(e.offset()).hasValue(22);
    }

    @Test
    void noPacket9InTheTable() {
        AsiFormatException eightPackets = refused(AsiBytes.header().schema(packetsOfOneByte(8)).raw(0x10, 0x01).bytes());
        AsiFormatException idsSkip = refused(AsiBytes.header().schema(packetsOfOneByte(5)).raw(7, 1, 0x00, 0x08).bytes());
        AsiFormatException noTable = refused(AsiBytes.header().raw(0x92).raw(new byte[92]).bytes());

        assertThat(List.of(eightPackets.rule(), idsSkip.rule(), noTable.rule())).containsOnly(Rule.PACKET9_MISSING);
        assertThat(eightPackets.offset()).hasValue(18 + 8 * 4);
        assertThat(idsSkip.offset()).hasValue(18 + 5 * 4);
        assertThat(noTable.offset()).hasValue(18);
    }

    @Test
    void packet9NotOf92Bytes() {
        int[][] short91 = Arrays.copyOf(packetsOfOneByte(8), 9);
        short91[8] = new int[] {0x075B};
        int[][] withText = Arrays.copyOf(packetsOfOneByte(8), 9);
        withText[8] = new int[] {0x075C, TEXT};

        AsiFormatException shortOne = refused(AsiBytes.header().schema(short91).bytes());
        AsiFormatException variable = refused(AsiBytes.header().schema(withText).bytes());

        assertThat(shortOne.rule()).isEqualTo(Rule.PACKET9_NOT_92_BYTES);
        assertThat(shortOne.offset()).hasValue(18 + 8 * 4);
        assertThat(shortOne).hasMessageContaining("is 91 bytes");
        assertThat(variable.rule()).isEqualTo(Rule.PACKET9_NOT_92_BYTES);
        assertThat(variable).hasMessageContaining("variable-length");
    }

    @Test
    void noUsableFix() {
        byte[] noTime = AsiWriter.pvtPayload(fix(0), 3, false);
        byte[] noFix = AsiWriter.pvtPayload(fix(1), 0, true);
        AsiFormatException e = refused(AsiBytes.prologue().record(9, noTime).record(9, noFix).bytes());

        assertThat(e.rule()).isEqualTo(Rule.NO_USABLE_FIX);
        assertThat(e.offset()).isEmpty();
        assertThat(e.details())
                .containsEntry("rule", "no_usable_fix")
                .containsEntry("frames", 0)
                .containsEntry("rejected", Map.of("invalid_time", 1, "no_fix", 1, "out_of_range", 0))
                .containsEntry("truncated", false)
                .doesNotContainKey("offset");
    }

    @Test
    void emptyBodyHasNoUsableFix() {
        assertThat(refused(AsiBytes.prologue().bytes()).rule()).isEqualTo(Rule.NO_USABLE_FIX);
    }

    @Test
    void failureDetailsCannotBeChanged() {
        AsiFormatException e = refused(AsiBytes.header().raw(1).bytes());

        assertThatThrownBy(() -> e.details().put("rule", "other")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fileEndingInsideARecordKeepsTheWholeRecordsBefore() {
        byte[] file = AsiWriter.write(fixes(3));
        int lastRecord = file.length - RECORD;

        AsiDecoding decoding = decode(Arrays.copyOf(file, file.length - 10));

        assertThat(decoding.frames()).containsExactly(fix(0), fix(1));
        assertThat(decoding.details()).containsEntry("truncated", true).containsEntry("truncated_at", lastRecord);
    }

    @Test
    void fileEndingOnARecordIsNotTruncated() {
        AsiDecoding decoding = decode(AsiWriter.write(fixes(3)));

        assertThat(decoding.frames()).containsExactlyElementsOf(fixes(3));
        assertThat(decoding.details()).containsEntry("truncated", false).doesNotContainKey("truncated_at");
    }

    @Test
    void zeroTagEndsTheStream() {
        AsiBytes file = AsiBytes.prologue().fix(fix(0)).fix(fix(1)).raw(0, 0, 0, 0).fix(fix(2));

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(fix(0), fix(1));
        assertThat(decoding.details()).containsEntry("padding_at", BODY + 2 * RECORD).containsEntry("truncated", false);
    }

    @Test
    void resynchronisesOverAVariableLengthRecord() {
        byte[] text = new byte[2 + 100];
        text[0] = 0x01;
        text[1] = 100;
        Arrays.fill(text, 2, text.length, (byte) 'x');
        // A byte that looks like a packet 9 tag, followed by no plausible date.
        text[50] = (byte) 0x95;
        AsiBytes file = AsiBytes.prologue().fix(fix(0)).record(3, text).fix(fix(1)).fix(fix(2));

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(fix(0), fix(1), fix(2));
        assertThat(decoding.details()).containsEntry("resyncs", 1).containsEntry("resync_skipped_bytes", 1 + text.length);
    }

    @Test
    void variableLengthRecordAtTheEndSkipsTheRest() {
        AsiBytes file = AsiBytes.prologue().fix(fix(0)).record(3, new byte[] {1, 3, 'e', 'n', 'd'});

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(fix(0));
        assertThat(decoding.details()).containsEntry("resyncs", 1).containsEntry("resync_skipped_bytes", 6)
                .containsEntry("truncated", false);
    }

    @Test
    void resynchronisesOverAPacketWithoutSchema() {
        byte[] junk = {0x12, 0x34, (byte) 0x90, 0x00, 0x7F, 0x01, 0x02, 0x03, 0x04, 0x05};
        AsiBytes file = AsiBytes.prologue().fix(fix(0)).record(12, junk).fix(fix(1)).raw(0x05, 0x01, 0x02).fix(fix(2));

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(fix(0), fix(1), fix(2));
        assertThat(decoding.details()).containsEntry("resyncs", 2).containsEntry("resync_skipped_bytes", 11 + 3);
    }

    @Test
    void stepsOverOtherPacketsBySize() {
        byte[] lookalike = new byte[52];
        Arrays.fill(lookalike, (byte) 0x95);
        System.arraycopy(AsiBytes.pvt(fix(9)), 0, lookalike, 1, 51);
        AsiBytes file = AsiBytes.prologue().fix(fix(0)).record(2, lookalike).record(8, new byte[4]).fix(fix(1));

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(fix(0), fix(1));
        assertThat(decoding.details()).containsEntry("resyncs", 0);
    }

    @Test
    void readsPacket9ByUbloxOffsetsWhateverTheSplit() {
        int[][] oneArray = Arrays.copyOf(packetsOfOneByte(8), 9);
        oneArray[8] = new int[] {0x075C};
        int[][] signedWords = Arrays.copyOf(packetsOfOneByte(8), 9);
        signedWords[8] = new int[23];
        Arrays.fill(signedWords[8], 0x00E0);

        for (int[][] schema : List.of(oneArray, signedWords)) {
            AsiDecoding decoding = decode(AsiBytes.header().schema(schema).record(4, new byte[1]).fix(fix(0)).fix(fix(1)));

            assertThat(decoding.frames()).containsExactly(fix(0), fix(1));
        }
    }

    @Test
    void framesComeInTimeOrderKeepingFileOrderForEqualTimes() {
        AsiFix late = fix(3);
        AsiFix early = fix(1);
        AsiFix earlyAgain = new AsiFix(early.timestamp(), 10.0, 20.0, 30.0, 4.0);
        AsiFix middle = fix(2);
        AsiBytes file = AsiBytes.prologue().fix(late).fix(early).fix(middle).fix(earlyAgain);

        AsiDecoding decoding = decode(file);

        assertThat(decoding.frames()).containsExactly(early, earlyAgain, middle, late);
        assertThat(decoding.details())
                .containsEntry("first_frame_time", "2021-05-29T16:12:00.100000Z")
                .containsEntry("last_frame_time", "2021-05-29T16:12:00.300000Z");
    }

    @Test
    void resultCannotBeChanged() {
        AsiDecoding decoding = decode(AsiWriter.write(fixes(2)));

        assertThatThrownBy(() -> decoding.frames().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> decoding.details().clear()).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> rejected = (Map<String, Object>) decoding.details().get("rejected");
        assertThatThrownBy(() -> rejected.put("no_fix", 7)).isInstanceOf(UnsupportedOperationException.class);
    }

    private Map<String, Object> rejectedOf(byte[]... payloads) {
        AsiBytes file = AsiBytes.prologue().fix(fix(0));
        for (byte[] payload : payloads) {
            file.record(9, payload);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rejected = (Map<String, Object>) decode(file).details().get("rejected");
        return rejected;
    }

    private List<AsiFix> framesOf(byte[] payload) {
        return decode(AsiBytes.prologue().record(9, payload)).frames();
    }

    @Test
    void needsDateAndTimeValid() {
        byte[] pvt = AsiBytes.pvt(fix(1));

        assertThat(rejectedOf(AsiBytes.withByte(pvt, 11, 0x01), AsiBytes.withByte(pvt, 11, 0x02),
                AsiBytes.withByte(pvt, 11, 0x04))).containsEntry("invalid_time", 3);
        assertThat(framesOf(AsiBytes.withByte(pvt, 11, 0x07))).containsExactly(fix(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 6, 0xFF})
    void needsA2dOr3dFix(int fixType) {
        assertThat(rejectedOf(AsiBytes.withByte(AsiBytes.pvt(fix(1)), 20, fixType))).containsEntry("no_fix", 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void takesFixTypes2To4(int fixType) {
        assertThat(framesOf(AsiBytes.withByte(AsiBytes.pvt(fix(1)), 20, fixType))).containsExactly(fix(1));
    }

    @Test
    void countsAnInvalidTimeBeforeAMissingFix() {
        byte[] both = AsiBytes.withByte(AsiBytes.withByte(AsiBytes.pvt(fix(1)), 11, 0), 20, 0);

        assertThat(rejectedOf(both)).containsEntry("invalid_time", 1).containsEntry("no_fix", 0);
    }

    @ParameterizedTest
    @CsvSource({
        "28, 900000001", "28, -900000001", "28, -2147483648", "24, 1800000001", "24, -1800000001", "24, 2147483647",
        "60, 100001", "60, -1", "60, -2147483648"})
    void rejectsFixesOutsidePhysicalRanges(int offset, int value) {
        assertThat(rejectedOf(AsiBytes.withInt(AsiBytes.pvt(fix(1)), offset, value))).containsEntry("out_of_range", 1);
    }

    @Test
    void takesFixesOnTheRangeLimits() {
        byte[] pvt = AsiBytes.pvt(fix(1));
        pvt = AsiBytes.withInt(pvt, 28, -900_000_000);
        pvt = AsiBytes.withInt(pvt, 24, 1_800_000_000);
        pvt = AsiBytes.withInt(pvt, 60, 100_000);

        assertThat(framesOf(pvt)).containsExactly(new AsiFix(fix(1).timestamp(), -90.0, 180.0, fix(1).altitude(), 100.0));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0", "499999, 0", "500000, 1", "649700000, 650", "900000000, 900", "999999999, 1000",
        "-1, 0", "-500000, 0", "-500001, -1", "-100000000, -100", "-999999999, -1000"})
    void roundsNanoToTheMillisecond(int nano, long millis) {
        AsiFix whole = new AsiFix(T0, 48.0, 2.0, 35.0, 1.0);

        List<AsiFix> frames = framesOf(AsiBytes.withInt(AsiBytes.pvt(whole), 16, nano));

        assertThat(frames).extracting(AsiFix::timestamp).containsExactly(T0 + millis);
    }

    @ParameterizedTest
    @CsvSource({"2021, 2, 29", "2100, 2, 29", "2021, 4, 31", "2021, 13, 1", "2021, 0, 1", "2021, 1, 0"})
    void rejectsDatesThatDoNotExist(int year, int month, int day) {
        byte[] pvt = AsiBytes.pvt(fix(1));
        pvt[4] = (byte) year;
        pvt[5] = (byte) (year >> 8);
        pvt[6] = (byte) month;
        pvt[7] = (byte) day;

        assertThat(rejectedOf(pvt)).containsEntry("invalid_time", 1);
    }

    @Test
    void rejectsTimesThatDoNotExist() {
        byte[] pvt = AsiBytes.pvt(fix(1));

        assertThat(rejectedOf(AsiBytes.withByte(pvt, 8, 24), AsiBytes.withByte(pvt, 9, 60), AsiBytes.withByte(pvt, 10, 61)))
                .containsEntry("invalid_time", 3);
    }

    @Test
    void takesLeapDaysAndLeapSeconds() {
        AsiFix leapDay = new AsiFix(951_782_400_000L, 1.0, 2.0, 3.0, 4.0);
        byte[] leapSecond = AsiBytes.withByte(AsiBytes.pvt(new AsiFix(T0 + 59_000L, 1.0, 2.0, 3.0, 4.0)), 10, 60);

        assertThat(framesOf(AsiBytes.pvt(leapDay))).containsExactly(leapDay);
        assertThat(framesOf(leapSecond)).extracting(AsiFix::timestamp).containsExactly(T0 + 60_000L);
    }
}
