package io.insiders.api.routing;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a device's stores are, as this instance last learned from the group.
 *
 * @param partition the partition of the device's stores
 * @param active the instance that processes the partition; empty while no instance does (a move under way)
 * @param standbys the instances that keep a warm copy of the partition
 */
public record DevicePlacement(int partition, Optional<HostInfo> active, Set<HostInfo> standbys) {

    public DevicePlacement {
        standbys = Set.copyOf(standbys);
    }

    /** True when {@code instance} is the active one. */
    public boolean isActive(HostInfo instance) {
        return active.filter(instance::equals).isPresent();
    }
}
