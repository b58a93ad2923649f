package io.insiders.ingest.devicelink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A device's Bluetooth pairings: {@code pairing_1} the heart-rate strap, {@code pairing_2} the power meter, each absent
 * when nothing is paired in that slot. The same shape in the API's bodies, on the downlink and on the uplink.
 *
 * @param pairing1 the heart-rate strap, or null
 * @param pairing2 the power meter, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BluetoothConfig(@JsonProperty("pairing_1") Pairing pairing1, @JsonProperty("pairing_2") Pairing pairing2) {

    /** Nothing paired. */
    public static final BluetoothConfig EMPTY = new BluetoothConfig(null, null);

    /** The slots' names, as in JSON. */
    public static final String PAIRING_1 = "pairing_1";
    public static final String PAIRING_2 = "pairing_2";

    /** This configuration with the slot ({@link #PAIRING_1} or {@link #PAIRING_2}) set to the pairing, or emptied when it is null. */
    public BluetoothConfig with(String slot, Pairing pairing) {
        return switch (slot) {
            case PAIRING_1 -> new BluetoothConfig(pairing, pairing2);
            case PAIRING_2 -> new BluetoothConfig(pairing1, pairing);
            default -> throw new IllegalArgumentException("no Bluetooth slot " + slot);
        };
    }
}
