package io.insiders.api.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.insiders.api.devices.DeviceRules;
import io.insiders.api.devices.DeviceSettings;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryJson;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import org.junit.jupiter.api.Test;

/** The ownership and device rules against a registry state, command after command, as the registry's processor applies them. */
class OwnershipRulesTest {

    private static final long DEVICE = 12;
    private static final long ALICE = 1;
    private static final long BOB = 2;

    private final RegistryState state = new RegistryState();
    private long offset;

    @Test
    void theFirstTakeActivatesTheDeviceAndOwnsItUntilTheOpenEnd() {
        RegistryDecision taken = run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, new OwnershipRules.Take(DEVICE), 1_000);

        assertThat(taken.status()).isEqualTo(201);
        assertThat(taken.body().toString()).isEqualTo("{\"ownership_id\":1,\"created\":true}");
        assertThat(state.get(Ownership.KIND, 1, Ownership.class)).contains(new Ownership(1, DEVICE, ALICE, 1_000, Ownership.OPEN_END));
        assertThat(state.get(DeviceSettings.KIND, DEVICE, DeviceSettings.class)).contains(new DeviceSettings(DEVICE, 1_000L, null));

        // His again: nothing changes. Another's: refused.
        RegistryDecision again = run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, new OwnershipRules.Take(DEVICE), 2_000);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.changes()).isEmpty();
        assertThat(again.body().toString()).isEqualTo("{\"ownership_id\":1,\"created\":false}");
        RegistryDecision refused = run(new OwnershipRules(), OwnershipRules.TAKE, BOB, new OwnershipRules.Take(DEVICE), 2_000);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.changes()).isEmpty();
    }

    @Test
    void aReleaseEndsTheOwnershipNowAndTheDeviceStaysActivatedWhenTakenAgain() {
        RegistryDecision never = run(new OwnershipRules(), OwnershipRules.RELEASE, ALICE, new OwnershipRules.Release(DEVICE), 500);
        assertThat(never.status()).isEqualTo(400);
        assertThat(never.body().toString()).isEqualTo("{\"message\":\"Device has never been activated.\"}");

        run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, new OwnershipRules.Take(DEVICE), 1_000);
        assertThat(run(new OwnershipRules(), OwnershipRules.RELEASE, BOB, new OwnershipRules.Release(DEVICE), 1_500).status())
                .isEqualTo(403);
        RegistryDecision released = run(new OwnershipRules(), OwnershipRules.RELEASE, ALICE, new OwnershipRules.Release(DEVICE), 2_000);
        assertThat(released.status()).isEqualTo(200);
        assertThat(state.get(Ownership.KIND, 1, Ownership.class)).contains(new Ownership(1, DEVICE, ALICE, 1_000, 2_000));
        // Activated, owned by nobody: 403, not the "never activated" 400.
        assertThat(run(new OwnershipRules(), OwnershipRules.RELEASE, ALICE, new OwnershipRules.Release(DEVICE), 2_500).status())
                .isEqualTo(403);

        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, BOB, new OwnershipRules.Take(DEVICE), 3_000).status()).isEqualTo(201);
        assertThat(state.get(Ownership.KIND, 2, Ownership.class)).contains(new Ownership(2, DEVICE, BOB, 3_000, Ownership.OPEN_END));
        assertThat(state.get(DeviceSettings.KIND, DEVICE, DeviceSettings.class).orElseThrow().activationTime()).isEqualTo(1_000L);
        assertThat(Ownerships.windows(state, DEVICE, ALICE, 0, 10_000)).containsExactly(new long[] {1_000, 1_999});
        assertThat(Ownerships.windows(state, DEVICE, BOB, 0, 10_000)).containsExactly(new long[] {3_000, 10_000});
        assertThat(Ownerships.windows(state, DEVICE, BOB, 0, 2_999)).isEmpty();
    }

    @Test
    void aBackdatedTakeMayNotReachIntoAnotherOwnership() {
        run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, new OwnershipRules.Take(DEVICE), 1_000);
        run(new OwnershipRules(), OwnershipRules.RELEASE, ALICE, new OwnershipRules.Release(DEVICE), 2_000);

        RegistryDecision overlapping = run(new OwnershipRules(), OwnershipRules.TAKE, BOB, new OwnershipRules.Take(DEVICE, 1_999L), 5_000);
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, BOB, new OwnershipRules.Take(DEVICE, 6_000L), 5_000).status())
                .as("not in the future").isEqualTo(400);
        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, BOB, new OwnershipRules.Take(DEVICE, 2_000L), 5_000).status())
                .isEqualTo(201);
        assertThat(state.get(Ownership.KIND, 2, Ownership.class)).contains(new Ownership(2, DEVICE, BOB, 2_000, Ownership.OPEN_END));
    }

    @Test
    void malformedOrAnonymousCommandsAreRefused() {
        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, null, new OwnershipRules.Take(DEVICE), 1_000).status()).isEqualTo(400);
        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, Map.of("device_id", "twelve"), 1_000).status()).isEqualTo(400);
        assertThat(run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, Map.of(), 1_000).status()).isEqualTo(400);
        assertThat(run(new OwnershipRules(), "ownership.steal", ALICE, new OwnershipRules.Take(DEVICE), 1_000).status()).isEqualTo(400);
        assertThat(state.size()).isZero();
    }

    @Test
    void onlyTheCurrentOwnerNamesTheDevice() {
        DeviceRules rules = new DeviceRules();
        assertThat(run(rules, DeviceRules.CUSTOM_NAME, ALICE, new DeviceRules.CustomName(DEVICE, "Mine"), 500).status()).isEqualTo(403);
        run(new OwnershipRules(), OwnershipRules.TAKE, ALICE, new OwnershipRules.Take(DEVICE), 1_000);

        RegistryDecision named = run(rules, DeviceRules.CUSTOM_NAME, ALICE, new DeviceRules.CustomName(DEVICE, "Mine"), 1_500);
        assertThat(named.status()).isEqualTo(200);
        assertThat(state.get(DeviceSettings.KIND, DEVICE, DeviceSettings.class)).contains(new DeviceSettings(DEVICE, 1_000L, "Mine"));
        assertThat(run(rules, DeviceRules.CUSTOM_NAME, BOB, new DeviceRules.CustomName(DEVICE, "Bob's"), 1_600).status()).isEqualTo(403);
        run(rules, DeviceRules.CUSTOM_NAME, ALICE, new DeviceRules.CustomName(DEVICE, null), 1_700);
        assertThat(state.get(DeviceSettings.KIND, DEVICE, DeviceSettings.class)).contains(new DeviceSettings(DEVICE, 1_000L, null));
    }

    /** Decides the command as the processor does, and applies its changes to the state. */
    private RegistryDecision run(RegistryRules rules, String type, Long manager, Object payload, long now) {
        RegistryCommand command = new RegistryCommand(type, "test-" + offset, manager, RegistryJson.tree(payload), now);
        assertThat(type).startsWith(rules.commandPrefix());
        RegistryDecision decision = rules.decide(command, state, now);
        long at = offset++;
        decision.changes().forEach(change -> state.apply(change.key(), change.value(), at));
        assertThat(decision.messages()).isEqualTo(List.of());
        return decision;
    }
}
