package io.insiders.ingest.devicelink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeviceLinkJsonTest {

    private static final Pairing STRAP = new Pairing("02:32:F8:26:FA:AE", "strap");

    @Test
    void commandsAndReportsTravelAsTheDocumentedJson() {
        byte[] command = DeviceLinkJson.write(DownlinkCommand.bluetooth("c-1", "864475041000001", new BluetoothConfig(STRAP, null), 5L));
        assertThat(new String(command, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"bluetooth-config\",\"command_id\":\"c-1\","
                + "\"device_name\":\"864475041000001\",\"configuration\":{\"pairing_1\":{\"mac_address\":\"02:32:f8:26:fa:ae\","
                + "\"name\":\"strap\"}},\"sent_at\":5}");
        assertThat(DeviceLinkJson.command(command).configuration().pairing1()).isEqualTo(STRAP);

        byte[] report = DeviceLinkJson.write(UplinkReport.started("864475041000001", BluetoothConfig.EMPTY, 7L));
        assertThat(new String(report, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"started\",\"device_name\":\"864475041000001\","
                + "\"command_id\":null,\"configuration\":{},\"reported_at\":7}");
        assertThat(DeviceLinkJson.report(report)).isEqualTo(UplinkReport.started("864475041000001", BluetoothConfig.EMPTY, 7L));
    }

    @Test
    void unknownKeysAreIgnoredAndAMissingConfigurationIsNothingPaired() {
        UplinkReport report = DeviceLinkJson.report(utf8("{\"type\": \"bluetooth-config-applied\", \"device_name\": \"d\","
                + " \"command_id\": \"c-2\", \"battery\": 80,"
                + " \"configuration\": {\"pairing_2\": {\"mac_address\": \"0a:1b:2c:3d:4e:5f\"}}}"));
        assertThat(report.configuration()).isEqualTo(new BluetoothConfig(null, new Pairing("0a:1b:2c:3d:4e:5f", "")));
        assertThat(DeviceLinkJson.report(utf8("{\"type\": \"started\", \"device_name\": \"d\"}")).configuration())
                .isEqualTo(BluetoothConfig.EMPTY);
    }

    @Test
    void unreadableReportsSayWhy() {
        assertThatThrownBy(() -> DeviceLinkJson.report(utf8("not json"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unreadable");
        assertThatThrownBy(() -> DeviceLinkJson.report(utf8("[1]"))).hasMessage("not a JSON object");
        assertThatThrownBy(() -> DeviceLinkJson.report(utf8("{\"type\": \"rebooted\", \"device_name\": \"d\"}")))
                .hasMessage("unknown report type rebooted");
        assertThatThrownBy(() -> DeviceLinkJson.report(utf8("{\"type\": \"started\"}"))).hasMessageContaining("device_name");
        assertThatThrownBy(() -> DeviceLinkJson.report(utf8("{\"type\": \"started\", \"device_name\": \"d\","
                + " \"configuration\": {\"pairing_1\": {\"mac_address\": \"nope\"}}}"))).hasMessageContaining("mac_address nope");
        assertThatThrownBy(() -> DeviceLinkJson.report(null)).hasMessage("no value");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
