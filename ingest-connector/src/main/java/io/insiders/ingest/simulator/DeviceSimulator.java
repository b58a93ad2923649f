package io.insiders.ingest.simulator;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The device simulator's command line: {@code live} publishes simulated devices to Kafka, {@code asi} writes their
 * sessions as ASI files.
 */
@Command(name = "insiders-simulator", mixinStandardHelpOptions = true, version = "insiders-simulator 1.22",
        description = "Plays simulated devices: players moving on a 105 x 68 m pitch, with 10 Hz GNSS and a 1 Hz heart rate.",
        subcommands = {LiveCommand.class, AsiCommand.class})
public final class DeviceSimulator implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the command line and exits with its status: 0 done, 1 failed, 2 bad usage. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceSimulator()).execute(args));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: live or asi");
    }
}
