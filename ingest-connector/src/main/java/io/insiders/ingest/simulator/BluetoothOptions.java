package io.insiders.ingest.simulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import picocli.CommandLine.Option;

/**
 * The {@code live} command's option for the devices' Bluetooth side ({@link BluetoothDeviceSide}): on unless
 * {@code --no-bluetooth}. It starts once the devices are provisioned, when the command provisions them, so that their
 * {@code started} reports name devices the API knows.
 */
public final class BluetoothOptions {

    @Option(names = "--no-bluetooth", description = "Do not play the devices' Bluetooth side: by default each device reports "
            + "that it started on insiders.devices.uplink, then applies the configurations that insiders.devices.downlink "
            + "sends it and reports them applied.")
    boolean off;

    /**
     * Starts the Bluetooth side of the fleet's devices after {@code delay}, on a thread of its own; closing the answer stops
     * it. A failure to start (the link's topics missing) is printed to {@code err} and leaves the frames going.
     */
    AutoCloseable start(String bootstrapServers, Fleet fleet, Duration delay, PrintWriter err) {
        if (off) {
            return () -> { };
        }
        List<String> names = fleet.devices().stream().map(SimulatedDevice::name).toList();
        AtomicReference<BluetoothDeviceSide> started = new AtomicReference<>();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "insiders-simulator-bluetooth-start");
            thread.setDaemon(true);
            return thread;
        });
        starter.schedule(() -> {
            try {
                started.set(BluetoothDeviceSide.start(bootstrapServers, names));
                err.printf("Bluetooth: %d devices reported that they started; following insiders.devices.downlink%n", names.size());
            } catch (RuntimeException e) {
                err.println("Bluetooth side off: " + e.getMessage());
            }
            err.flush();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            starter.shutdownNow();
            starter.awaitTermination(20, TimeUnit.SECONDS);
            BluetoothDeviceSide side = started.get();
            if (side != null) {
                side.close();
            }
        };
    }
}
