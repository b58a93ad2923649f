package io.insiders.api.ownership;

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
        return state.all(Ownership.KIND, Ownership.class).stream()
                .filter(ownership -> ownership.device() == deviceId && ownership.holdsAt(now))
                .max(Comparator.comparingLong(Ownership::startTime));
    }

    /** Every ownership of the device by the manager, oldest first. */
    public static List<Ownership> of(RegistryState state, long deviceId, long managerId) {
        return state.all(Ownership.KIND, Ownership.class).stream()
                .filter(ownership -> ownership.device() == deviceId && ownership.manager() == managerId)
                .sorted(Comparator.comparingLong(Ownership::startTime)).toList();
    }
}
