package io.insiders.ingest.simulator;

import picocli.CommandLine.Option;

/** The options that choose the devices and their pitch, shared by the {@code live} and {@code asi} commands. */
public final class FleetOptions {

    @Option(names = "--device-prefix", paramLabel = "PREFIX", defaultValue = Fleet.DEFAULT_PREFIX,
            description = "Start of the device names; the id follows, zero-padded to 15 characters (default: ${DEFAULT-VALUE}, "
                    + "so device 1 is 864475041000001).")
    String prefix;

    @Option(names = "--first-id", paramLabel = "ID", defaultValue = "1",
            description = "Registry id of the first device; the others follow (default: ${DEFAULT-VALUE}).")
    long firstId;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the simulation: the same seed plays the same sessions (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pitch-latitude", paramLabel = "DEG", defaultValue = "48.8412",
            description = "Latitude of the pitch's origin corner (default: ${DEFAULT-VALUE}).")
    double pitchLatitude;

    @Option(names = "--pitch-longitude", paramLabel = "DEG", defaultValue = "2.2530",
            description = "Longitude of the pitch's origin corner (default: ${DEFAULT-VALUE}).")
    double pitchLongitude;

    @Option(names = "--pitch-bearing", paramLabel = "DEG", defaultValue = "30",
            description = "Bearing of the pitch's 105 m length, degrees clockwise from north (default: ${DEFAULT-VALUE}).")
    double pitchBearing;

    /** The fleet of {@code devices} devices these options describe. */
    public Fleet fleet(int devices) {
        return new Fleet(prefix, firstId, devices, seed);
    }

    /** The pitch these options describe. */
    public PitchModel pitch() {
        return PitchModel.of(pitchLatitude, pitchLongitude, pitchBearing);
    }
}
