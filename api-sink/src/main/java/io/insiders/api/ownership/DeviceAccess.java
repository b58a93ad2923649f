package io.insiders.api.ownership;

import java.util.List;
import java.util.function.LongSupplier;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.registry.Registry;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.security.ForbiddenResponses;
import io.insiders.api.web.ApiException;
import io.insiders.stream.devices.DeviceRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may use a device and its data: the manager who owns it now (the device itself, its latest data, its
 * uploads), or, over a period, the manager who owned it then (its data over time). See {@code docs/devices.md}.
 */
@Component
public class DeviceAccess {

    private final DeviceRegistry devices;
    private final Registry registry;
    private final LongSupplier clock = System::currentTimeMillis;

    public DeviceAccess(DeviceRegistry devices, Registry registry) {
        this.devices = devices;
        this.registry = registry;
    }

    /**
     * The device named by a path's {@code {device}}, when the authenticated manager owns it now.
     *
     * @throws ApiException 404 when there is no such device, 403 when another manager or nobody owns it now
     */
    public DeviceRecord requireCurrentOwner(String pathId) {
        DeviceRecord device = devices.require(pathId);
        requireCurrentOwner(device);
        return device;
    }

    /**
     * Checks that the authenticated manager owns the device now.
     *
     * @throws ApiException 403 when another manager or nobody owns it now
     */
    public Ownership requireCurrentOwner(DeviceRecord device) {
        long manager = CurrentManager.require().id();
        return Ownerships.current(registry.state(), device.id(), clock.getAsLong())
                .filter(ownership -> ownership.manager() == manager)
                .orElseThrow(DeviceAccess::forbidden);
    }

    /**
     * The authenticated manager's ownerships of the device that meet [from, to] (epoch ms, both included), oldest first.
     *
     * @throws ApiException 403 when none does
     */
    public List<Ownership> requireOwnedBetween(DeviceRecord device, long from, long to) {
        long manager = CurrentManager.require().id();
        // An interval that rounding to milliseconds left empty (start = stop + 1) is still the instant asked for.
        long first = Math.min(from, to);
        long last = Math.max(from, to);
        List<Ownership> owned = Ownerships.of(registry.state(), device.id(), manager).stream()
                .filter(ownership -> ownership.meets(first, last)).toList();
        if (owned.isEmpty()) {
            throw forbidden();
        }
        return owned;
    }

    private static ApiException forbidden() {
        return ApiException.detail(HttpStatus.FORBIDDEN, ForbiddenResponses.NOT_PERMITTED);
    }
}
