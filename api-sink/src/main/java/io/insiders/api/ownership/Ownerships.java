package io.insiders.api.ownership;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.insiders.api.registry.RegistryState;

/** Questions about ownerships over a registry state, for the API and for other features' rules. */
public final class Ownerships {

    private Ownerships() {
    }

    /** The ownership of the device that holds at {@code now}, if any. */
    public static Optional<Ownership> current(RegistryState state, long deviceId, long now) {
        return ofDevice(state, deviceId).stream().filter(ownership -> ownership.holdsAt(now))
                .max(Comparator.comparingLong(Ownership::startTime));
    }

    /** Every ownership of the device by the manager, oldest first. */
    public static List<Ownership> of(RegistryState state, long deviceId, long managerId) {
        return ofDevice(state, deviceId).stream().filter(ownership -> ownership.manager() == managerId)
                .sorted(Comparator.comparingLong(Ownership::startTime)).toList();
    }

    /** Every ownership of the manager, by id. */
    public static List<Ownership> ofManager(RegistryState state, long managerId) {
        return state.allWhere(Ownership.KIND, Ownership.class, "manager", Ownership::manager, managerId).stream()
                .sorted(Comparator.comparingLong(Ownership::id)).toList();
    }

    /** Every ownership of the device, in no particular order (asked on every data request: through an index). */
    public static List<Ownership> ofDevice(RegistryState state, long deviceId) {
        return state.allWhere(Ownership.KIND, Ownership.class, "device", Ownership::device, deviceId);
    }

    /**
     * The times of [from, to] (epoch ms, both included) when the manager owned the device: the parts of his ownerships
     * within it, in time order, adjacent ones merged; each {@code long[]{first, last}} millisecond, both included.
     * Empty when none of his ownerships meets [from, to].
     */
    public static List<long[]> windows(RegistryState state, long deviceId, long managerId, long from, long to) {
        return windows(of(state, deviceId, managerId), from, to);
    }

    /** The parts of these ownerships (oldest first) within [from, to], as {@link #windows(RegistryState, long, long, long, long)}. */
    public static List<long[]> windows(List<Ownership> ownerships, long from, long to) {
        List<long[]> windows = new ArrayList<>();
        for (Ownership ownership : ownerships) {
            if (!ownership.meets(from, to)) {
                continue;
            }
            long first = Math.max(from, ownership.startTime());
            long last = Math.min(to, ownership.endTime() - 1);
            long[] previous = windows.isEmpty() ? null : windows.get(windows.size() - 1);
            if (previous != null && first <= previous[1] + 1) {
                previous[1] = Math.max(previous[1], last);
            } else {
                windows.add(new long[] {first, last});
            }
        }
        return windows;
    }
}
