package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.insiders.ingest.asi.AsiDecoder;
import io.insiders.ingest.asi.AsiFix;
import io.insiders.ingest.asi.AsiFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceSimulatorTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void asiWritesOneFilePerDeviceAndPrintsItsPathAndSize(@TempDir Path directory) throws IOException, AsiFormatException {
        int status = execute("asi", "--devices", "2", "--duration", "30s", "--out", directory.toString(), "--seed", "4",
                "--start", "2021-05-29T16:00:00Z");

        assertThat(status).as(err.toString()).isZero();
        Path first = directory.resolve("864475041000001.asi");
        Path second = directory.resolve("864475041000002.asi");
        assertThat(out.toString()).contains(first.toString(), second.toString())
                .contains(String.format("%,d bytes", Files.size(first)));
        List<AsiFix> fixes = AsiDecoder.decode(Files.readAllBytes(second)).frames();
        assertThat(fixes).hasSize(300);
        assertThat(fixes.get(0).timestamp()).isEqualTo(Instant.parse("2021-05-29T16:00:00Z").toEpochMilli());
        SimulatedSession session = new Fleet(Fleet.DEFAULT_PREFIX, 1L, 2, 4L).device(1)
                .session(PitchModel.paris(), Instant.parse("2021-05-29T16:00:00Z"), Duration.ofSeconds(30));
        assertThat(Files.readAllBytes(second)).isEqualTo(AsiSessionWriter.bytes(session));
    }

    @Test
    void asiSessionsEndAnHourAgoByDefault(@TempDir Path directory) throws IOException, AsiFormatException {
        Instant before = Instant.now();
        assertThat(execute("asi", "--duration", "10s", "--out", directory.toString())).as(err.toString()).isZero();
        List<AsiFix> fixes = AsiDecoder.decode(Files.readAllBytes(directory.resolve("864475041000001.asi"))).frames();
        long first = fixes.get(0).timestamp();
        assertThat(first).isBetween(before.minusSeconds(3600 + 10 + 1).toEpochMilli(),
                Instant.now().minusSeconds(3600 + 10).toEpochMilli());
    }

    @Test
    void liveOptionsBecomeSettings() {
        CommandLine commandLine = new CommandLine(new DeviceSimulator());
        CommandLine.ParseResult parsed = commandLine.parseArgs("live", "--devices", "100", "--format", "JSON", "--batch", "second",
                "--rate", "max", "--duration", "1h30m", "--start", "2026-01-01T00:00:00Z", "--seed", "9", "--provision",
                "--first-id", "20", "--device-prefix", "35000000000", "-X", "linger.ms=5");
        LiveCommand live = parsed.subcommand().commandSpec().commandLine().getCommand();

        LiveSettings settings = live.settings();

        assertThat(settings.fleet()).isEqualTo(new Fleet("35000000000", 20L, 100, 9L));
        assertThat(settings.format()).isEqualTo(FrameFormat.JSON);
        assertThat(settings.batching()).isEqualTo(Batching.SECOND);
        assertThat(settings.pace()).isEqualTo(Pace.MAX);
        assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(settings.provision()).isTrue();
        assertThat(settings.provisioningPause()).isEqualTo(Duration.ofSeconds(2));
        assertThat(live.bootstrapServers).isEqualTo("127.0.0.1:19092");
        assertThat(live.producerProperties).containsEntry("linger.ms", "5");
    }

    @Test
    void liveDefaultsAreTenAvroDevicesInRealTimeUntilStopped() {
        CommandLine.ParseResult parsed = new CommandLine(new DeviceSimulator()).parseArgs("live");
        LiveCommand live = parsed.subcommand().commandSpec().commandLine().getCommand();

        LiveSettings settings = live.settings();

        assertThat(settings.fleet()).isEqualTo(Fleet.of(10));
        assertThat(settings.format()).isEqualTo(FrameFormat.AVRO);
        assertThat(settings.batching()).isEqualTo(Batching.SINGLE);
        assertThat(settings.pace()).isEqualTo(Pace.REALTIME);
        assertThat(settings.duration()).isNull();
        assertThat(settings.provision()).isFalse();
    }

    @Test
    void badUsageExitsWith2() {
        assertThat(execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
        assertThat(execute("live", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).contains("'xml' is not one of avro, json");
        assertThat(execute("live", "--duration", "ten minutes")).isEqualTo(2);
        assertThat(execute("live", "--start", "2026-01-01T00:00:00Z")).isEqualTo(2);
        assertThat(err.toString()).contains("--start applies to --rate max only");
        assertThat(execute("asi", "--devices", "0")).isEqualTo(2);
    }

    @Test
    void helpDescribesTheCommands() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("insiders-simulator", "live", "asi");
        assertThat(execute("live", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--format", "--batch", "--rate", "--provision", "--seed");
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertThat(Options.duration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Options.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Options.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Options.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Options.duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Options.duration("PT90M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Options.duration("pt1s")).isEqualTo(Duration.ofSeconds(1));
        for (String bad : List.of("", "90", "m", "1x", "1h 30m", "-5s", "P")) {
            assertThatThrownBy(() -> Options.duration(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private int execute(String... args) {
        CommandLine commandLine = new CommandLine(new DeviceSimulator());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
