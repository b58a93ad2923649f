package io.insiders.ingest.simulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code live} command: publishes simulated devices' frames to Kafka until the duration is played or Ctrl-C. */
@Command(name = "live", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publishes the frames of simulated devices to Kafka, keyed by device name: Avro on insiders.frames.raw "
                + "or JSON on insiders.frames.json, 10 frames a second per device with a heart rate every second.",
            "Progress goes to stderr every few seconds, a summary to stdout at the end. Ctrl-C stops cleanly."})
public final class LiveCommand implements Callable<Integer> {

    private static final long STOP_WAIT_SECONDS = 30L;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:19092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "10", description = "Number of devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--format", paramLabel = "avro|json", defaultValue = "avro", converter = CliConverters.FormatConverter.class,
            description = "avro: insiders.frames.raw, single-object encoding; json: insiders.frames.json (default: ${DEFAULT-VALUE}).")
    FrameFormat format;

    @Option(names = "--batch", paramLabel = "single|second", defaultValue = "single",
            converter = CliConverters.BatchingConverter.class,
            description = "single: one message per frame; second: one message per device per second, a JSON array of its 10 "
                    + "frames, or its 10 Avro records sent together (default: ${DEFAULT-VALUE}).")
    Batching batching;

    @Option(names = "--rate", paramLabel = "realtime|max", defaultValue = "realtime", converter = CliConverters.PaceConverter.class,
            description = "realtime: at wall-clock pace, stamped now; max: as fast as possible, the frames of a past period "
                    + "(default: ${DEFAULT-VALUE}).")
    Pace pace;

    @Option(names = "--duration", paramLabel = "DURATION", converter = CliConverters.DurationConverter.class,
            description = "Period played, e.g. 90m, 30s, 1h30m (default: until stopped for realtime, 60s for max).")
    Duration duration;

    @Option(names = "--start", paramLabel = "INSTANT", converter = CliConverters.InstantConverter.class,
            description = "With --rate max, the time of the first frame, e.g. 2021-05-29T16:00:00Z (default: now minus the "
                    + "duration). Frames older than the pipeline's retention are refused.")
    Instant start;

    @Option(names = "--provision", description = "First publish each device's record on insiders.devices.provisioning "
            + "(key: its id), with ids from --first-id.")
    boolean provision;

    @Option(names = "--provision-pause", paramLabel = "DURATION", defaultValue = "2s",
            converter = CliConverters.DurationConverter.class,
            description = "Pause after provisioning, so that the pipeline knows the devices before their frames arrive "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration provisioningPause;

    @Option(names = "--progress", paramLabel = "DURATION", defaultValue = "5s", converter = CliConverters.DurationConverter.class,
            description = "Interval of the progress lines (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Option(names = {"-X", "--producer-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka producer setting over the simulator's own (linger.ms=20, batch.size=262144, "
                    + "compression.type=lz4, acks=all); may be repeated.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Mixin
    FleetOptions fleetOptions;

    @Mixin
    BluetoothOptions bluetoothOptions;

    @Override
    public Integer call() {
        LiveSettings settings = settings();
        Properties config = LivePublisher.producerProperties(bootstrapServers);
        config.putAll(producerProperties);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LivePublisher publisher = new LivePublisher(config, settings);
        publisher.onProgress(progressInterval, new ProgressPrinter(err));
        CountDownLatch closed = new CountDownLatch(1);
        // On Ctrl-C the JVM exits once the hooks return: this one holds it until the producer is flushed and closed.
        Thread hook = new Thread(() -> {
            publisher.stop();
            try {
                closed.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "insiders-simulator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.printf("publishing %d devices (%s .. %s) to %s on %s: %s, %s, %s%s%n", settings.fleet().count(),
                settings.fleet().device(0).name(), settings.fleet().device(settings.fleet().count() - 1).name(),
                settings.format().topic(), bootstrapServers, settings.format(), settings.batching(), settings.pace(),
                settings.provision() ? ", provisioning first" : "");
        err.flush();
        AutoCloseable bluetooth = bluetoothOptions.start(bootstrapServers, settings.fleet(),
                settings.provision() ? settings.provisioningPause() : Duration.ZERO, err);
        try {
            PublishSummary summary = publisher.run();
            out.println(describe(summary, settings));
            out.flush();
            return 0;
        } catch (KafkaException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            publisher.close();
            closeQuietly(bluetooth, err);
            closed.countDown();
            removeHook(hook);
        }
    }

    /** The settings the options describe. */
    LiveSettings settings() {
        if (start != null && pace == Pace.REALTIME) {
            throw new ParameterException(spec.commandLine(), "--start applies to --rate max only: real-time frames are stamped now");
        }
        try {
            return new LiveSettings(fleetOptions.fleet(devices), fleetOptions.pitch(), format, batching, pace, start, duration,
                    provision, provisioningPause);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static String describe(PublishSummary summary, LiveSettings settings) {
        return String.format("%s %,d frames in %,d messages of %d devices to %s in %.3f s: %,.0f frames/s%s",
                summary.stopped() ? "stopped after" : "sent", summary.frames(), summary.messages(), summary.devices(),
                settings.format().topic(), summary.elapsed().toNanos() / 1e9, summary.framesPerSecond(),
                summary.provisioned() > 0 ? " (" + summary.provisioned() + " devices provisioned first)" : "");
    }

    private static void closeQuietly(AutoCloseable bluetooth, PrintWriter err) {
        try {
            bluetooth.close();
        } catch (Exception e) {
            err.println("Bluetooth side: " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // The JVM is already shutting down: the hook is running and ends on its own.
        }
    }

    /** Prints a progress line with the rate since the previous one. */
    private static final class ProgressPrinter implements Consumer<PublishSummary> {

        private final PrintWriter err;
        private long lastFrames;
        private long lastNanos;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(PublishSummary summary) {
            long nanos = summary.elapsed().toNanos();
            double rate = (summary.frames() - lastFrames) * 1e9 / Math.max(1L, nanos - lastNanos);
            err.printf("%8.1f s  %,14d frames  %,10.0f frames/s%n", nanos / 1e9, summary.frames(), rate);
            err.flush();
            lastFrames = summary.frames();
            lastNanos = nanos;
        }
    }
}
