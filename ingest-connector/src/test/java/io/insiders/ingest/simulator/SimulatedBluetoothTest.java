package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.ingest.devicelink.Pairing;
import io.insiders.ingest.devicelink.UplinkReport;
import org.junit.jupiter.api.Test;

class SimulatedBluetoothTest {

    private static final BluetoothConfig STRAP = new BluetoothConfig(new Pairing("02:32:f8:26:fa:ae", "strap"), null);

    private final SimulatedBluetooth devices = new SimulatedBluetooth(List.of("864475041000001", "864475041000002"));

    @Test
    void everyDeviceStartsWithNothingPairedAndReportsIt() {
        assertThat(devices.start(9L)).containsExactly(UplinkReport.started("864475041000001", BluetoothConfig.EMPTY, 9L),
                UplinkReport.started("864475041000002", BluetoothConfig.EMPTY, 9L));
    }

    @Test
    void aDeviceAppliesItsCommandsAndReportsThemAppliedThenStartsWithThem() {
        assertThat(devices.receive(DownlinkCommand.bluetooth("c-1", "864475041000002", STRAP, 1L), 2L))
                .contains(UplinkReport.applied("864475041000002", "c-1", STRAP, 2L));
        assertThat(devices.configuration("864475041000002")).contains(STRAP);
        assertThat(devices.configuration("864475041000001")).contains(BluetoothConfig.EMPTY);
        assertThat(devices.start(3L)).contains(UplinkReport.started("864475041000002", STRAP, 3L));

        // Unpaired by a command without slots.
        devices.receive(DownlinkCommand.bluetooth("c-2", "864475041000002", BluetoothConfig.EMPTY, 4L), 5L);
        assertThat(devices.configuration("864475041000002")).contains(BluetoothConfig.EMPTY);
    }

    @Test
    void commandsForOtherDevicesOrOfOtherTypesAreIgnored() {
        assertThat(devices.receive(DownlinkCommand.bluetooth("c-1", "864475041000009", STRAP, 1L), 2L)).isEmpty();
        assertThat(devices.receive(new DownlinkCommand("reboot", "c-2", "864475041000001", STRAP, 1L), 2L)).isEmpty();
        assertThat(devices.configuration("864475041000001")).contains(BluetoothConfig.EMPTY);
        assertThat(devices.configuration("864475041000009")).isEmpty();
    }
}
