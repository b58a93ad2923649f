package io.insiders.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FleetTest {

    @Test
    void namesAreFifteenDigitsEndingWithTheId() {
        List<SimulatedDevice> devices = Fleet.of(3).devices();

        assertThat(devices).extracting(SimulatedDevice::name)
                .containsExactly("864475041000001", "864475041000002", "864475041000003");
        assertThat(devices).extracting(SimulatedDevice::id).containsExactly(1L, 2L, 3L);
        assertThat(new Fleet(Fleet.DEFAULT_PREFIX, 9_990L, 10, 1L).devices()).allSatisfy(device -> {
            assertThat(device.name()).hasSize(15).containsOnlyDigits();
            assertThat(device.name()).endsWith(Long.toString(device.id()));
        });
        assertThat(new Fleet("35", 12L, 1, 1L).name(12)).isEqualTo("350000000000012");
    }

    @Test
    void refusesFleetsWhoseIdsDoNotFit() {
        assertThatThrownBy(() -> new Fleet(Fleet.DEFAULT_PREFIX, 9_999L, 2, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000");
        assertThatThrownBy(() -> new Fleet("123456789012345", 1L, 1, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fleet(Fleet.DEFAULT_PREFIX, 0L, 1, 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fleet.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeviceDependsOnTheSeedAndItsIdOnly() {
        SimulatedDevice inSmallFleet = Fleet.of(3).device(2);
        SimulatedDevice inLargeFleet = Fleet.of(100).device(2);
        SimulatedDevice otherSeed = Fleet.of(3).withSeed(2L).device(2);

        assertThat(inLargeFleet).isEqualTo(inSmallFleet);
        assertThat(otherSeed.name()).isEqualTo(inSmallFleet.name());
        assertThat(otherSeed.serialNumber()).isNotEqualTo(inSmallFleet.serialNumber());
        assertThat(otherSeed.seed()).isNotEqualTo(inSmallFleet.seed());
        assertThat(Fleet.of(1000).devices()).extracting(SimulatedDevice::serialNumber).doesNotHaveDuplicates();
        assertThat(Fleet.of(1000).devices()).extracting(SimulatedDevice::seed).doesNotHaveDuplicates();
    }

    @Test
    void theProvisioningRecordIsTheFleetSystemsJson() {
        SimulatedDevice device = new Fleet(Fleet.DEFAULT_PREFIX, 12L, 1, 7L).device(0);

        JsonNode json = JsonMapper.builder().build().readTree(device.provisioningJson());

        assertThat(device.provisioningKey()).isEqualTo("12");
        assertThat(json.propertyNames()).containsExactly("id", "device_name", "serial_number", "device_type", "firmware_version");
        assertThat(json.get("id").isIntegralNumber()).isTrue();
        assertThat(json.get("id").asLong()).isEqualTo(12L);
        assertThat(json.get("device_name").asString()).isEqualTo("864475041000012");
        assertThat(UUID.fromString(json.get("serial_number").asString())).isEqualTo(device.serialNumber());
        assertThat(json.get("device_type").asString()).isEqualTo("Model X 2000 Series");
        assertThat(json.get("firmware_version").asString()).isEqualTo("1.2.3");
    }
}
