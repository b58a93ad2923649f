package io.insiders.ingest.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code asi} command: writes the sessions of simulated devices as ASI V2 files, one per device. */
@Command(name = "asi", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the sessions of simulated devices as ASI V2 recording files, <device name>.asi, one per device: "
                + "the same players as 'live' with the same seed, 10 fixes a second, no heart rate.",
            "Prints each file's path and size."})
public final class AsiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "1", description = "Number of devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "90m", converter = CliConverters.DurationConverter.class,
            description = "Length of each session, e.g. 90m, 30s, 1h30m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--start", paramLabel = "INSTANT", converter = CliConverters.InstantConverter.class,
            description = "Time of the first fix, ISO-8601 (default: a session that ended an hour ago, so that its frames are "
                    + "within the stores' retention).")
    Instant start;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory of the files, made if missing "
            + "(default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    FleetOptions fleetOptions;

    /** The given start, or by default the start of a session that ended an hour ago (to the second). */
    Instant firstFix() {
        if (start != null) {
            return start;
        }
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)).minus(duration);
    }

    @Override
    public Integer call() throws IOException {
        if (duration.isZero() || duration.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must be positive, not " + duration);
        }
        Fleet fleet;
        try {
            fleet = fleetOptions.fleet(devices);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PitchModel pitch = fleetOptions.pitch();
        PrintWriter printer = spec.commandLine().getOut();
        for (SimulatedDevice device : fleet.devices()) {
            SimulatedSession session = device.session(pitch, firstFix(), duration);
            Path file = AsiSessionWriter.writeFile(session, out);
            printer.printf("%s\t%,d bytes\t%,d fixes%n", file, Files.size(file), session.frameCount());
            printer.flush();
        }
        return 0;
    }
}
