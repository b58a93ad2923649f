package io.insiders.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.registry.Registry;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Ownerships for the application tests, until they can be taken through the API: a registry command of the tests'
 * own ({@code test-ownership.give}) ends the device's current ownership and starts the manager's, now and open-ended,
 * as a take-over would. Being a registry command, it reaches the processor's state as well as the instances' views,
 * so the rules that check the current owner see it.
 */
@Component
public class TestOwnerships implements RegistryRules {

    private static final String GIVE = "test-ownership.give";

    /** The payload of {@code test-ownership.give}. */
    record Give(long device, long manager) {
    }

    /** Makes {@code manager} the current owner of {@code device} on the application of {@code context}. */
    public static void give(ApplicationContext context, long device, long manager) {
        context.getBean(Registry.class).require(GIVE, null, new Give(device, manager), Map.class);
    }

    /** Ends the device's current ownership: nobody owns it any more. */
    public static void release(ApplicationContext context, long device) {
        context.getBean(Registry.class).require(GIVE, null, new Give(device, 0), Map.class);
    }

    @Override
    public String commandPrefix() {
        return "test-ownership.";
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        Give give = command.payload(Give.class);
        List<RegistryChange> changes = new ArrayList<>();
        for (Ownership ownership : state.all(Ownership.KIND, Ownership.class)) {
            if (ownership.device() == give.device() && ownership.holdsAt(now)) {
                changes.add(RegistryChange.set(Ownership.KIND, ownership.id(),
                        new Ownership(ownership.id(), ownership.device(), ownership.manager(), ownership.startTime(), now)));
            }
        }
        if (give.manager() > 0) {
            long id = state.lastId(Ownership.KIND) + 1;
            changes.add(RegistryChange.set(Ownership.KIND, id, new Ownership(id, give.device(), give.manager(), now, Ownership.OPEN_END)));
        }
        return RegistryDecision.applied(200, Map.of("changes", changes.size()), changes);
    }
}
