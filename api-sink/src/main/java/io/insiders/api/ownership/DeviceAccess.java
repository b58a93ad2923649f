package io.insiders.api.ownership;

import java.util.function.LongSupplier;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.registry.Registry;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.security.ForbiddenResponses;
import io.insiders.api.web.ApiException;
import io.insiders.stream.devices.DeviceRecord;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The rule "restricted to the manager who currently owns the device", for every endpoint under a device. */
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
        long manager = CurrentManager.require().id();
        DeviceRecord device = devices.require(pathId);
        boolean owns = Ownerships.current(registry.state(), device.id(), clock.getAsLong())
                .filter(ownership -> ownership.manager() == manager).isPresent();
        if (!owns) {
            throw ApiException.detail(HttpStatus.FORBIDDEN, ForbiddenResponses.NOT_PERMITTED);
        }
        return device;
    }
}
