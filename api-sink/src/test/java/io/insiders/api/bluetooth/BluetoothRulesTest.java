package io.insiders.api.bluetooth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryJson;
import io.insiders.api.registry.RegistryState;
import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DeviceLinkJson;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.ingest.devicelink.Pairing;
import io.insiders.schemas.Topics;
import org.junit.jupiter.api.Test;

/** The Bluetooth rules decided against registry states built by hand. */
class BluetoothRulesTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long DEVICE = 12;
    private static final String NAME = "864475041000012";
    private static final Pairing STRAP = new Pairing("02:32:f8:26:fa:ae", "strap");
    private static final Pairing METER = new Pairing("0a:1b:2c:3d:4e:5f", "meter");

    private final BluetoothRules rules = new BluetoothRules();
    private final RegistryState state = new RegistryState();
    private long offset;
    /** The manager of the next command made. */
    private Long lastManager;

    @Test
    void theOwnerIsCheckedAgainWhenTheCommandApplies() {
        own(new Ownership(1, DEVICE, 5, NOW - 1000, NOW - 10));   // released before the command applies
        own(new Ownership(2, DEVICE, 6, NOW - 10, Ownership.OPEN_END));

        RegistryDecision released = decide(target(5L, Map.of("pairing_1", STRAP), List.of(), true));
        assertThat(released.status()).isEqualTo(403);
        assertThat(released.changes()).isEmpty();
        assertThat(released.messages()).isEmpty();
        assertThat(decide(target(null, Map.of("pairing_1", STRAP), List.of(), false)).status()).isEqualTo(403);

        RegistryDecision owner = decide(target(6L, Map.of("pairing_1", STRAP), List.of(), false));
        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.messages()).isEmpty();
        assertThat(entry(owner).target()).isEqualTo(new BluetoothConfig(STRAP, null));
    }

    @Test
    void changesApplyToTheTargetAsTheProcessorFindsItAndImmediateSendsTheWholeTarget() {
        own(new Ownership(1, DEVICE, 5, NOW - 1000, Ownership.OPEN_END));
        apply(decide(target(5L, Map.of("pairing_1", STRAP), List.of(), false)));
        RegistryDecision both = decide(target(5L, Map.of("pairing_2", METER), List.of(), true));

        assertThat(entry(both).target()).isEqualTo(new BluetoothConfig(STRAP, METER));
        assertThat(entry(both).current()).isEqualTo(BluetoothConfig.EMPTY);
        assertThat(both.messages()).hasSize(1);
        assertThat(both.messages().get(0).topic()).isEqualTo(Topics.DEVICES_DOWNLINK);
        assertThat(both.messages().get(0).key()).isEqualTo(NAME);
        DownlinkCommand command = DeviceLinkJson.command(both.messages().get(0).value());
        assertThat(command.configuration()).isEqualTo(new BluetoothConfig(STRAP, METER));
        assertThat(command.commandId()).isEqualTo(entry(both).lastCommandId()).startsWith("c-");
        apply(both);

        RegistryDecision removed = decide(target(5L, Map.of(), List.of("pairing_1"), false));
        assertThat(entry(removed).target()).isEqualTo(new BluetoothConfig(null, METER));
    }

    @Test
    void aStartedDeviceIsSentItsTargetWhenItRunsAnotherAndItsReportsSetCurrent() {
        own(new Ownership(1, DEVICE, 5, NOW - 1000, Ownership.OPEN_END));
        apply(decide(target(5L, Map.of("pairing_1", STRAP), List.of(), false)));

        RegistryDecision started = decide(report("bluetooth.started", null, BluetoothConfig.EMPTY));
        assertThat(entry(started).current()).isEqualTo(BluetoothConfig.EMPTY);
        assertThat(started.messages()).hasSize(1);
        String commandId = DeviceLinkJson.command(started.messages().get(0).value()).commandId();
        apply(started);

        RegistryDecision applied = decide(report("bluetooth.applied", commandId, new BluetoothConfig(STRAP, null)));
        assertThat(applied.messages()).isEmpty();
        assertThat(entry(applied).current()).isEqualTo(new BluetoothConfig(STRAP, null));
        apply(applied);

        // Started again, running its target: nothing to send.
        RegistryDecision again = decide(report("bluetooth.started", null, new BluetoothConfig(STRAP, null)));
        assertThat(again.messages()).isEmpty();
    }

    @Test
    void aDeviceThatReportsBeforeAnyTargetKeepsWhatItRuns() {
        RegistryDecision started = decide(report("bluetooth.started", null, new BluetoothConfig(null, METER)));

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.messages()).isEmpty();
        assertThat(entry(started).current()).isEqualTo(new BluetoothConfig(null, METER));
        assertThat(entry(started).target()).isEqualTo(new BluetoothConfig(null, METER));
    }

    private BluetoothCommands.SetTarget target(Long manager, Map<String, Pairing> set, List<String> remove, boolean immediate) {
        lastManager = manager;
        return new BluetoothCommands.SetTarget(DEVICE, NAME, set, remove, immediate);
    }

    private RegistryCommand report(String type, String commandId, BluetoothConfig configuration) {
        lastManager = null;
        return command(type, new BluetoothCommands.Reported(DEVICE, NAME, commandId, configuration, NOW - 5));
    }

    private RegistryDecision decide(BluetoothCommands.SetTarget change) {
        return decide(command(BluetoothCommands.TARGET, change));
    }

    private RegistryDecision decide(RegistryCommand command) {
        return rules.decide(command, state, NOW);
    }

    /** A command whose payload is JSON, as the processor reads it. */
    private RegistryCommand command(String type, Object payload) {
        offset++;
        return new RegistryCommand(type, "c-" + offset, lastManager, RegistryJson.tree(payload), NOW);
    }

    private void own(Ownership ownership) {
        state.apply(RegistryState.key(Ownership.KIND, ownership.id()), RegistryJson.tree(ownership), ++offset);
    }

    private void apply(RegistryDecision decision) {
        offset++;
        for (RegistryChange change : decision.changes()) {
            state.apply(change.key(), change.value(), offset);
        }
    }

    private static BluetoothEntry entry(RegistryDecision decision) {
        assertThat(decision.changes()).hasSize(1);
        return RegistryJson.value(decision.changes().get(0).value(), BluetoothEntry.class);
    }
}
