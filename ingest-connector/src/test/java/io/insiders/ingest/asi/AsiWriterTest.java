package io.insiders.ingest.asi;

import static io.insiders.ingest.asi.AsiDecoderTest.fix;
import static io.insiders.ingest.asi.AsiDecoderTest.fixes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsiWriterTest {

    private static final int PROLOGUE = 216;
    private static final int DEVICE_RECORD = 34;

    @Test
    void writesHeaderSchemaDeviceRecordMetadataAndFixes() throws AsiFormatException {
        byte[] file = AsiWriter.write(fixes(20));

        assertThat(file).startsWith(AsiWriter.prologueBytes());
        assertThat(file[PROLOGUE] & 0xFF).as("device record tag").isEqualTo(0x10);
        assertThat(file[PROLOGUE + DEVICE_RECORD] & 0xFF).as("metadata record tag").isEqualTo(0x31);
        AsiDecoding decoding = AsiDecoder.decode(file);
        assertThat(decoding.frames()).containsExactlyElementsOf(fixes(20));
        assertThat(decoding.details()).containsEntry("resyncs", 1).containsEntry("truncated", false);
    }

    @Test
    void tagsCountRecordsModulo16() {
        byte[] file = AsiWriter.write(fixes(40));
        int firstFix = file.length - 40 * 93;

        for (int i = 0; i < 40; i++) {
            int tag = file[firstFix + 93 * i] & 0xFF;
            assertThat(tag >>> 4).isEqualTo(9);
            assertThat(tag & 0x0F).as("counter of fix %d", i).isEqualTo((i + 2) % 16);
        }
    }

    @Test
    void streamingWritesTheSameBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AsiWriter writer = AsiWriter.open(out)) {
            writer.writeMetadata("insiders asi writer");
            for (AsiFix fix : fixes(5)) {
                writer.writeFix(fix);
            }
        }

        assertThat(out.toByteArray()).isEqualTo(AsiWriter.write(fixes(5)));
    }

    @Test
    void writesPacketsTheDecoderRejects() throws IOException, AsiFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AsiWriter writer = AsiWriter.open(out)) {
            writer.writeFix(fix(0));
            writer.writeFix(fix(1), 3, false);
            writer.writeFix(fix(2), 5, true);
            writer.writeFix(new AsiFix(fix(3).timestamp(), 91.0, 0.0, 0.0, 0.0));
            writer.writeFix(new AsiFix(fix(4).timestamp(), 0.0, 0.0, 0.0, 100.001));
            writer.writeMetadata("");
            writer.writeFix(fix(5), 2, true);
            writer.writePadding(3);
            writer.writeFix(fix(6));
        }

        AsiDecoding decoding = AsiDecoder.decode(out.toByteArray());

        assertThat(decoding.frames()).containsExactly(fix(0), fix(5));
        assertThat(decoding.details())
                .containsEntry("rejected", Map.of("invalid_time", 1, "no_fix", 1, "out_of_range", 2))
                .containsEntry("resyncs", 1)
                .containsEntry("padding_at", PROLOGUE + DEVICE_RECORD + 5 * 93 + 3 + 93);
    }

    @Test
    void refusesWhatTheFileCannotHold() throws IOException {
        AsiWriter writer = AsiWriter.open(new ByteArrayOutputStream());
        long year1999 = 946_684_799_999L;
        long year2101 = 4_133_980_800_000L;

        List<AsiFix> bad = new ArrayList<>(List.of(
                new AsiFix(year1999, 0, 0, 0, 0),
                new AsiFix(year2101, 0, 0, 0, 0),
                new AsiFix(Long.MIN_VALUE, 0, 0, 0, 0),
                new AsiFix(AsiDecoderTest.T0, Double.NaN, 0, 0, 0),
                new AsiFix(AsiDecoderTest.T0, 0, Double.POSITIVE_INFINITY, 0, 0),
                new AsiFix(AsiDecoderTest.T0, 0, 0, 3e6, 0),
                new AsiFix(AsiDecoderTest.T0, 0, 0, 0, -3e6)));
        for (AsiFix fix : bad) {
            assertThatThrownBy(() -> writer.writeFix(fix)).as("%s", fix).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> writer.writeFix(fix(0), 256, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeMetadata("x".repeat(128))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeMetadata("caf\u00e9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeMetadata("tab\t")).isInstanceOf(IllegalArgumentException.class);
    }
}
