package io.insiders.api.ownership;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;

import io.insiders.api.registry.RegistryClient;
import io.insiders.api.registry.RegistryResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An operator's tool: gives a manager the ownership of a device since a past time, through the registry's own
 * {@code ownership.take} command and its rules. For imports of a club's history and for scripts that replay past
 * data: the API's take-ownership always starts now, so a manager could not read frames recorded before it.
 * Run as {@code java -jar insiders.jar grant-ownership --device 12 --manager 3 --since 2026-11-27T00:00:00Z}.
 */
@Command(name = "grant-ownership", mixinStandardHelpOptions = true,
        description = "Gives a manager the ownership of a device since a past time (an operator's tool for imports).")
public final class GrantOwnershipCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:19092", description = "The Kafka cluster (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--device", required = true, description = "The device's id (the first one, with --count).")
    long device;

    @Option(names = "--count", defaultValue = "1", description = "How many devices, from --device on (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--manager", required = true, description = "The manager's id.")
    long manager;

    @Option(names = "--since", required = true,
            description = "When the ownership starts: epoch milliseconds or ISO 8601, not in the future.")
    String since;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "How long to wait for the registry (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Runs the tool with the command line's arguments and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GrantOwnershipCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long start = since.chars().allMatch(Character::isDigit) ? Long.parseLong(since)
                : OffsetDateTime.parse(since).toInstant().toEpochMilli();
        int refused = 0;
        try (RegistryClient registry = RegistryClient.connect(bootstrapServers, timeout)) {
            for (long id = device; id < device + count; id++) {
                RegistryResult result = registry.execute(OwnershipRules.TAKE, manager, new OwnershipRules.Take(id, start));
                if (!result.applied()) {
                    refused++;
                    System.out.println("device " + id + ": " + result.status() + " " + result.body());
                }
            }
        }
        System.out.println((count - refused) + " of " + count + " ownerships granted to manager " + manager);
        return refused == 0 ? 0 : 1;
    }
}
