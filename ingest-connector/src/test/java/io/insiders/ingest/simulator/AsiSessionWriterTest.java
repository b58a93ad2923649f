package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import io.insiders.ingest.asi.AsiDecoder;
import io.insiders.ingest.asi.AsiDecoding;
import io.insiders.ingest.asi.AsiFix;
import io.insiders.ingest.asi.AsiFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsiSessionWriterTest {

    private static final Instant KICK_OFF = Instant.parse("2021-05-29T16:00:00Z");

    @Test
    void aNinetyMinuteSessionDecodesToItsFiftyFourThousandFixes() throws AsiFormatException {
        SimulatedSession session = Fleet.of(1).device(0).session(PitchModel.paris(), KICK_OFF, Duration.ofMinutes(90));

        long began = System.nanoTime();
        byte[] file = AsiSessionWriter.bytes(session);
        Duration writing = Duration.ofNanos(System.nanoTime() - began);
        AsiDecoding decoding = AsiDecoder.decode(file);

        assertThat(writing).as("time to write 90 minutes").isLessThan(Duration.ofSeconds(5));
        List<AsiFix> decoded = decoding.frames();
        assertThat(decoded).hasSize(54_000);
        assertThat(decoding.details()).containsEntry("truncated", false);
        Iterator<AsiFix> expected = session.fixes();
        for (AsiFix fix : decoded) {
            AsiFix original = expected.next();
            assertThat(fix.timestamp()).isEqualTo(original.timestamp());
            assertThat(fix.latitude()).isCloseTo(original.latitude(), within(1e-6));
            assertThat(fix.longitude()).isCloseTo(original.longitude(), within(1e-6));
            assertThat(fix.altitude()).isCloseTo(original.altitude(), within(1e-3));
            assertThat(fix.speed()).isCloseTo(original.speed(), within(1e-3));
        }
        assertThat(decoded.get(0).timestamp()).isEqualTo(KICK_OFF.toEpochMilli());
        assertThat(decoded.get(53_999).timestamp()).isEqualTo(KICK_OFF.plusSeconds(5_400).toEpochMilli() - 100);
    }

    @Test
    void writesTheFileNamedAfterTheDevice(@TempDir Path directory) throws IOException, AsiFormatException {
        SimulatedSession session = Fleet.of(3).device(2).session(PitchModel.paris(), KICK_OFF, Duration.ofSeconds(30));

        Path file = AsiSessionWriter.writeFile(session, directory.resolve("out"));

        assertThat(file).isEqualTo(directory.resolve("out").resolve("864475041000003.asi"));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isEqualTo(AsiSessionWriter.bytes(session));
        assertThat(AsiDecoder.decode(bytes).frames()).hasSize(300);
    }

    @Test
    void leavesTheCallersStreamOpen() throws IOException {
        SimulatedSession session = SimulatedSession.of("d", 1L, PitchModel.paris(), KICK_OFF, Duration.ofSeconds(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream was closed");
            }
        };

        AsiSessionWriter.write(session, out);

        assertThat(out.toByteArray()).isEqualTo(AsiSessionWriter.bytes(session));
    }

    @Test
    void refusesAnEndlessSession() {
        SimulatedSession endless = SimulatedSession.endless("d", 1L, PitchModel.paris(), KICK_OFF);

        assertThatThrownBy(() -> AsiSessionWriter.bytes(endless)).isInstanceOf(IllegalArgumentException.class);
    }
}
