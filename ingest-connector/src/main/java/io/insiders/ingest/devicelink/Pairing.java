package io.insiders.ingest.devicelink;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Bluetooth sensor paired with a device: its MAC address (six hexadecimal pairs separated by colons, kept in lower
 * case so that configurations compare equal whatever case they were written in) and a name for people.
 *
 * @param macAddress the sensor's address, {@code 02:32:f8:26:fa:ae}
 * @param name what people call it; never null, may be empty
 */
public record Pairing(@JsonProperty("mac_address") String macAddress, @JsonProperty("name") String name) {

    /** Six pairs of hexadecimal digits separated by colons. */
    public static final Pattern MAC_ADDRESS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    public Pairing {
        Objects.requireNonNull(macAddress, "mac_address");
        if (!MAC_ADDRESS.matcher(macAddress).matches()) {
            throw new IllegalArgumentException("mac_address " + macAddress + " is not six hexadecimal pairs separated by colons");
        }
        macAddress = macAddress.toLowerCase(Locale.ROOT);
        name = name == null ? "" : name;
    }
}
