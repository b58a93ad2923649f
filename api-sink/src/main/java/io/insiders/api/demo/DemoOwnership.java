package io.insiders.api.demo;

import java.util.Map;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.Registry;
import io.insiders.api.registry.RegistryResult;
import org.springframework.stereotype.Component;

/**
 * Gives a manager the ownership of a device, as {@code POST /api/v1/devices/take-ownership/} would: the one place where
 * the demo (and the tests that need owned devices) take ownerships.
 *
 * <p>The registry command {@code ownership.take} (payload {@code {"device_id": <id>}}, the manager as the command's
 * manager) does it. Where no rules decide that command yet, the registry answers it "Unknown command", and the
 * ownership is written by {@link InterimOwnershipRules} instead: remove that fallback once {@code ownership.take} is
 * decided by the ownership feature.
 */
@Component
public class DemoOwnership {

    /** The command of the ownership feature. */
    static final String TAKE = "ownership.take";

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
        Map<String, Object> payload = Map.of("device_id", deviceId);
        RegistryResult result = registry.execute(TAKE, managerId, payload);
        // Interim, until the ownership feature decides ownership.take: see InterimOwnershipRules.
        if (!result.applied() && result.status() == 400 && result.body().path("detail").asString("").startsWith("Unknown command")) {
            result = registry.execute(InterimOwnershipRules.TAKE, managerId, payload);
        }
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
