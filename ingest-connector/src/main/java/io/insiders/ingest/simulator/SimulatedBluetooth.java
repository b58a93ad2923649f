package io.insiders.ingest.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.ingest.devicelink.UplinkReport;

/**
 * The Bluetooth side of simulated devices, without Kafka: each device runs a configuration (none at first), reports it
 * when it starts, applies the configuration of each command addressed to it and reports it applied. Commands for other
 * devices and of other types are ignored, as a device ignores what is not for it. Safe for one thread.
 */
public final class SimulatedBluetooth {

    private final Map<String, BluetoothConfig> configurations = new LinkedHashMap<>();

    /** Devices of these names, nothing paired. */
    public SimulatedBluetooth(Collection<String> deviceNames) {
        deviceNames.forEach(name -> configurations.put(name, BluetoothConfig.EMPTY));
    }

    /** True for a device simulated here. */
    public boolean has(String deviceName) {
        return deviceName != null && configurations.containsKey(deviceName);
    }

    /** What the device runs now, if it is one of these. */
    public Optional<BluetoothConfig> configuration(String deviceName) {
        return Optional.ofNullable(configurations.get(deviceName));
    }

    /** Every device's report that it started, with the configuration it runs. */
    public List<UplinkReport> start(long now) {
        List<UplinkReport> reports = new ArrayList<>();
        configurations.forEach((name, configuration) -> reports.add(UplinkReport.started(name, configuration, now)));
        return reports;
    }

    /** Applies a command to its device, when the device is one of these and the command one it knows, and reports it applied. */
    public Optional<UplinkReport> receive(DownlinkCommand command, long now) {
        if (!has(command.deviceName()) || !DownlinkCommand.BLUETOOTH_CONFIG.equals(command.type())) {
            return Optional.empty();
        }
        configurations.put(command.deviceName(), command.configuration());
        return Optional.of(UplinkReport.applied(command.deviceName(), command.commandId(), command.configuration(), now));
    }
}
