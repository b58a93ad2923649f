package io.insiders.ingest.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The simulated devices: {@code count} devices with ids from {@code firstId}, named like IMEIs.
 *
 * <p>A device's name is the prefix followed by its id, zero-padded to {@value #NAME_LENGTH} characters: with the default
 * prefix {@value #DEFAULT_PREFIX} (11 digits) the ids 1 to 9999 fit, and device 1 is {@code 864475041000001}. Device
 * names, serial numbers and sessions depend only on the seed and the id, never on the count, so device 7 is the same
 * device in a fleet of 10 and of 1000.
 *
 * @param prefix  the start of every name; at most 14 characters
 * @param firstId the id of the first device, at least 1
 * @param count   how many devices, at least 1
 * @param seed    the seed every device's own is drawn from
 */
public record Fleet(String prefix, long firstId, int count, long seed) {

    /** Length of a device name: the 15 digits of an IMEI. */
    public static final int NAME_LENGTH = 15;
    /** The default name prefix: a made-up IMEI type allocation code and serial start. */
    public static final String DEFAULT_PREFIX = "86447504100";
    /** The default first id. */
    public static final long DEFAULT_FIRST_ID = 1L;
    /** The default seed. */
    public static final long DEFAULT_SEED = 1L;

    /** Checks that every device gets a distinct name of {@value #NAME_LENGTH} characters. */
    public Fleet {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.length() >= NAME_LENGTH) {
            throw new IllegalArgumentException("the device prefix must have 1 to " + (NAME_LENGTH - 1) + " characters, not '"
                    + prefix + "'");
        }
        if (firstId < 1) {
            throw new IllegalArgumentException("the first id must be at least 1, not " + firstId);
        }
        if (count < 1) {
            throw new IllegalArgumentException("at least one device, not " + count);
        }
        int digits = NAME_LENGTH - prefix.length();
        long lastId = firstId + count - 1;
        if (digits < 19 && lastId >= (long) Math.pow(10, digits)) {
            throw new IllegalArgumentException("the prefix '" + prefix + "' leaves " + digits + " digits for the id: device "
                    + lastId + " does not fit");
        }
    }

    /** {@code count} devices with the default prefix, first id and seed. */
    public static Fleet of(int count) {
        return new Fleet(DEFAULT_PREFIX, DEFAULT_FIRST_ID, count, DEFAULT_SEED);
    }

    /** The same fleet with another count. */
    public Fleet withCount(int devices) {
        return new Fleet(prefix, firstId, devices, seed);
    }

    /** The same fleet with another seed. */
    public Fleet withSeed(long newSeed) {
        return new Fleet(prefix, firstId, count, newSeed);
    }

    /** The name of the device of id {@code id}. */
    public String name(long id) {
        String digits = Long.toString(id);
        return prefix + "0".repeat(Math.max(0, NAME_LENGTH - prefix.length() - digits.length())) + digits;
    }

    /** The device at position {@code index} (0 for the first). */
    public SimulatedDevice device(int index) {
        Objects.checkIndex(index, count);
        long id = firstId + index;
        return SimulatedDevice.of(id, name(id), seed);
    }

    /** Every device, in id order. */
    public List<SimulatedDevice> devices() {
        List<SimulatedDevice> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(device(i));
        }
        return List.copyOf(devices);
    }
}
