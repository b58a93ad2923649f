package io.insiders.ingest.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated device: its registry id, its name, its serial number and the seed of its player.
 *
 * @param id           the fleet system's id
 * @param name         the device name frames carry
 * @param serialNumber a UUID drawn from the fleet seed and the id
 * @param seed         the seed of this device's sessions, drawn from the fleet seed and the id
 */
public record SimulatedDevice(long id, String name, UUID serialNumber, long seed) {

    /** The model every simulated device reports. */
    public static final String DEVICE_TYPE = "Model X 2000 Series";
    /** The firmware every simulated device reports. */
    public static final String FIRMWARE_VERSION = "1.2.3";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SimulatedDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /** The device of id {@code id} in a fleet seeded with {@code fleetSeed}. */
    public static SimulatedDevice of(long id, String name, long fleetSeed) {
        UUID serial = UUID.nameUUIDFromBytes(("insiders-simulator/" + fleetSeed + "/" + id).getBytes(StandardCharsets.UTF_8));
        return new SimulatedDevice(id, name, serial, mix(fleetSeed, id));
    }

    /** This device's session over {@code [start, start + duration)}. */
    public SimulatedSession session(PitchModel pitch, Instant start, Duration duration) {
        return SimulatedSession.of(name, seed, pitch, start, duration);
    }

    /** This device's session from {@code start} on, without end. */
    public SimulatedSession endlessSession(PitchModel pitch, Instant start) {
        return SimulatedSession.endless(name, seed, pitch, start);
    }

    /** The key of this device's record on {@code insiders.devices.provisioning}: its id in decimal. */
    public String provisioningKey() {
        return Long.toString(id);
    }

    /** This device's record on {@code insiders.devices.provisioning}, as the fleet system writes it. */
    public byte[] provisioningJson() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("device_name", name);
        record.put("serial_number", serialNumber.toString());
        record.put("device_type", DEVICE_TYPE);
        record.put("firmware_version", FIRMWARE_VERSION);
        return JSON.writeValueAsBytes(record);
    }

    /** SplitMix64's finaliser over the pair, so that neighbouring ids and seeds give unrelated players. */
    private static long mix(long fleetSeed, long id) {
        long z = fleetSeed * 0x9E3779B97F4A7C15L + id;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
