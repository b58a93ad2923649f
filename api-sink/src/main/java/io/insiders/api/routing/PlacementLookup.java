package io.insiders.api.routing;

import java.util.Optional;

/** Finds where a device's stores are. */
@FunctionalInterface
public interface PlacementLookup {

    /** The placement of the device named {@code deviceName}; empty while the group's metadata is not available. */
    Optional<DevicePlacement> placementOf(String deviceName);
}
