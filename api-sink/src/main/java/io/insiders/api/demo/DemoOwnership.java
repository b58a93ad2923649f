package io.insiders.api.demo;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.OwnershipRules;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.Registry;
import io.insiders.api.registry.RegistryResult;
import org.springframework.stereotype.Component;

/**
 * Gives a manager the ownership of a device, as {@code POST /api/v1/devices/take-ownership/} would: the one place where
 * the demo (and the tests that need owned devices) take ownerships.
 * The ownership feature's registry command {@link OwnershipRules#TAKE} does it, under the same rules.
 */
@Component
public class DemoOwnership {

    private final Registry registry;

    public DemoOwnership(Registry registry) {
        this.registry = registry;
    }

    /**
     * Makes the manager the device's current owner, unless he is already.
     *
     * @throws IllegalStateException when the registry refuses (another manager owns the device, say)
     */
    public void take(long deviceId, long managerId) {
        if (ownsNow(deviceId, managerId)) {
            return;
        }
        RegistryResult result = registry.execute(OwnershipRules.TAKE, managerId, new OwnershipRules.Take(deviceId));
        if (!result.applied()) {
            throw new IllegalStateException("device " + deviceId + " cannot be owned by manager " + managerId + ": " + result.status()
                    + " " + result.body());
        }
    }

    /** True when the manager owns the device now. */
    public boolean ownsNow(long deviceId, long managerId) {
        return Ownerships.current(registry.state(), deviceId, System.currentTimeMillis()).map(Ownership::manager)
                .filter(manager -> manager == managerId).isPresent();
    }
}
