package io.insiders.api.devices;

import java.util.List;
import java.util.Map;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import io.insiders.api.security.ForbiddenResponses;
import org.springframework.stereotype.Component;

/**
 * What the owner of a device sets about it, decided by the registry's processor against who owns it when the
 * command applies.
 *
 * <p>{@code device.custom-name} {@code {"device_id": 12, "custom_name": "My device 123"}} (null removes it),
 * by the device's current owner: 200 {@link Named}; 403 when he does not own it now. The API checked the
 * name's length and characters before.
 */
@Component
public class DeviceRules implements RegistryRules {

    public static final String PREFIX = "device.";
    public static final String CUSTOM_NAME = PREFIX + "custom-name";

    /** The payload of {@code device.custom-name}. */
    public record CustomName(long deviceId, String customName) {
    }

    /** The answer: the device's settings now. */
    public record Named(DeviceSettings settings) {
    }

    @Override
    public String commandPrefix() {
        return PREFIX;
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        if (!CUSTOM_NAME.equals(command.type())) {
            return RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        }
        CustomName name;
        try {
            name = command.payload(CustomName.class);
        } catch (RuntimeException e) {
            return RegistryDecision.answer(400, Map.of("detail", "Malformed " + command.type() + " payload."));
        }
        Long manager = command.managerId();
        boolean owner = manager != null && Ownerships.current(state, name.deviceId(), now)
                .map(Ownership::manager).filter(manager::equals).isPresent();
        if (!owner) {
            return RegistryDecision.answer(403, Map.of("detail", ForbiddenResponses.NOT_PERMITTED));
        }
        DeviceSettings settings = state.get(DeviceSettings.KIND, name.deviceId(), DeviceSettings.class)
                .orElse(DeviceSettings.none(name.deviceId())).withCustomName(name.customName());
        return RegistryDecision.applied(200, new Named(settings),
                List.of(RegistryChange.set(DeviceSettings.KIND, settings.id(), settings)));
    }
}
