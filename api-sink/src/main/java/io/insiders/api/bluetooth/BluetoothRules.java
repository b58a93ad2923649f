package io.insiders.api.bluetooth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import io.insiders.api.security.ForbiddenResponses;
import io.insiders.ingest.devicelink.BluetoothConfig;
import io.insiders.ingest.devicelink.DeviceLinkJson;
import io.insiders.ingest.devicelink.DownlinkCommand;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * The Bluetooth feature's rules over the registry (see {@code docs/bluetooth.md}):
 * <ul>
 * <li>{@code bluetooth.target}: the current owner changes the target; with {@code immediate} the new target goes to the
 * device on the downlink in the same transaction;</li>
 * <li>{@code bluetooth.started}: the device runs what it reports; when that is not the target, the target goes to it;</li>
 * <li>{@code bluetooth.applied}: the device runs what it reports.</li>
 * </ul>
 * A device that reports before anyone set its target gets the configuration it reports as its target too: the server
 * has nothing else to want for it. A downlink command's id is the id of the registry command that sent it.
 */
@Component
public class BluetoothRules implements RegistryRules {

    @Override
    public String commandPrefix() {
        return BluetoothCommands.PREFIX;
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        return switch (command.type()) {
            case BluetoothCommands.TARGET -> target(command, state, now);
            case BluetoothCommands.STARTED -> reported(command, state, now, true);
            case BluetoothCommands.APPLIED -> reported(command, state, now, false);
            default -> RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        };
    }

    private static RegistryDecision target(RegistryCommand command, RegistryState state, long now) {
        BluetoothCommands.SetTarget change = command.payload(BluetoothCommands.SetTarget.class);
        // Checked again here: a release or another take-over that the API did not see yet wins.
        boolean owner = command.managerId() != null && Ownerships.current(state, change.device(), now)
                .map(Ownership::manager).filter(manager -> manager.longValue() == command.managerId()).isPresent();
        if (!owner) {
            return RegistryDecision.answer(403, Map.of("detail", ForbiddenResponses.NOT_PERMITTED));
        }
        BluetoothEntry entry = entry(state, change.device(), change.deviceName());
        BluetoothEntry updated = entry.withTarget(change.applyTo(entry.target()));
        return change.immediate() ? send(command, updated, now) : keep(updated);
    }

    private static RegistryDecision reported(RegistryCommand command, RegistryState state, long now, boolean started) {
        BluetoothCommands.Reported report = command.payload(BluetoothCommands.Reported.class);
        BluetoothConfig running = report.configuration() == null ? BluetoothConfig.EMPTY : report.configuration();
        BluetoothEntry updated = state.get(BluetoothEntry.KIND, report.device(), BluetoothEntry.class)
                .map(entry -> entry.named(report.deviceName()))
                .orElseGet(() -> BluetoothEntry.none(report.device(), report.deviceName()).withTarget(running))
                .reported(running, report.reportedAt() == null ? now : report.reportedAt());
        if (started && !Objects.equals(updated.target(), running)) {
            return send(command, updated, now);
        }
        return keep(updated);
    }

    /** The entry changed, nothing sent. */
    private static RegistryDecision keep(BluetoothEntry entry) {
        List<RegistryChange> changes = List.of(RegistryChange.set(BluetoothEntry.KIND, entry.device(), entry));
        return RegistryDecision.applied(200, entry.answer(), changes);
    }

    /** The entry with its target sent now, and the command on the downlink, in one decision. */
    private static RegistryDecision send(RegistryCommand command, BluetoothEntry entry, long now) {
        String commandId = command.correlationId();
        BluetoothEntry sent = entry.sent(commandId, now);
        DownlinkCommand downlink = DownlinkCommand.bluetooth(commandId, entry.deviceName(), entry.target(), now);
        byte[] json = DeviceLinkJson.write(downlink);
        return keep(sent).sending(List.of(new ProducerRecord<>(Topics.DEVICES_DOWNLINK, entry.deviceName(), json)));
    }

    private static BluetoothEntry entry(RegistryState state, long device, String deviceName) {
        return state.get(BluetoothEntry.KIND, device, BluetoothEntry.class).map(entry -> entry.named(deviceName))
                .orElseGet(() -> BluetoothEntry.none(device, deviceName));
    }
}
