package io.insiders.api.demo;

import java.util.List;
import java.util.Map;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Interim: takes a device's ownership for {@link DemoOwnership} while no rules decide {@code ownership.take}. It writes
 * the ownership feature's own entries ({@link Ownership}, kind {@code ownership}): a new ownership from now to
 * {@link Ownership#OPEN_END}, refused when another manager owns the device now. Only {@link DemoOwnership} sends its
 * command; no endpoint does. Delete this class with the fallback in {@link DemoOwnership}.
 */
@Component
class InterimOwnershipRules implements RegistryRules {

    static final String TAKE = "demo.ownership.take";

    @Override
    public String commandPrefix() {
        return "demo.ownership.";
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        JsonNode device = command.payload().get("device_id");
        if (!TAKE.equals(command.type()) || command.managerId() == null || device == null || !device.canConvertToLong()) {
            return RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        }
        long deviceId = device.asLong();
        long manager = command.managerId();
        var current = Ownerships.current(state, deviceId, now);
        if (current.isPresent()) {
            return current.get().manager() == manager ? RegistryDecision.answer(200, current.get())
                    : RegistryDecision.answer(403, Map.of("detail", "You do not have permission to perform this action."));
        }
        Ownership ownership = new Ownership(state.lastId(Ownership.KIND) + 1, deviceId, manager, now, Ownership.OPEN_END);
        return RegistryDecision.applied(201, ownership, List.of(RegistryChange.set(Ownership.KIND, ownership.id(), ownership)));
    }
}
