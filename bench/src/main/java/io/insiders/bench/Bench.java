package io.insiders.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The measuring tools that the scripts under {@code bench/} run; each prints its figures as {@code key=value} lines. */
@Command(name = "insiders-bench", mixinStandardHelpOptions = true,
        subcommands = {PipelineProgress.class, StreamsFloor.class, Freshness.class, HttpLoad.class, AsiDecoding.class},
        description = "Measuring tools of the Insiders benchmarks (see bench/README.md).")
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(Bench.class).execute(args));
    }
}
