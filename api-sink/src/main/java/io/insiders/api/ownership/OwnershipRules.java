package io.insiders.api.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.insiders.api.devices.DeviceSettings;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import io.insiders.api.security.ForbiddenResponses;
import org.springframework.stereotype.Component;

/**
 * Who owns a device, decided one command at a time by the registry's processor, so that two managers
 * taking a free device at once leave exactly one owner (see {@code docs/devices.md}).
 *
 * <p>The commands, as {@link io.insiders.api.registry.Registry#execute} takes them (the manager is the
 * command's {@code managerId}; payloads are JSON with snake_case names):
 * <ul>
 * <li>{@code ownership.take} {@code {"device_id": 12}}: the manager owns the device from now until
 * 2999-12-31T23:59:59Z, and the device is activated if it never was. Answers 201 {@link Taken}
 * ({@code created} false, nothing changed, when he owns it already); 403 when another manager owns it.
 * An optional {@code "start_time"} (epoch ms, not in the future) backdates the new ownership, for
 * imports and demonstrations of past data: 409 when another ownership of the device ends after it.
 * The device's existence is the caller's to check (the provisioned devices are not in the registry).</li>
 * <li>{@code ownership.release} {@code {"device_id": 12}}: ends the manager's current ownership now.
 * 200 {@link Released}; 400 {@code {"message": "Device has never been activated."}}; 403 when he does
 * not own it now.</li>
 * </ul>
 */
@Component
public class OwnershipRules implements RegistryRules {

    public static final String PREFIX = "ownership.";
    public static final String TAKE = PREFIX + "take";
    public static final String RELEASE = PREFIX + "release";
    public static final String NEVER_ACTIVATED = "Device has never been activated.";

    /** The payload of {@code ownership.take}: the device, and optionally a past start. */
    public record Take(long deviceId, Long startTime) {

        public Take(long deviceId) {
            this(deviceId, null);
        }
    }

    /** The payload of {@code ownership.release}. */
    public record Release(long deviceId) {
    }

    /**
     * The answer of a take.
     *
     * @param ownershipId the manager's current ownership of the device
     * @param created false when he owned it already
     */
    public record Taken(long ownershipId, boolean created) {
    }

    /** The answer of a release: the ownership that ended. */
    public record Released(long ownershipId) {
    }

    @Override
    public String commandPrefix() {
        return PREFIX;
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        if (command.managerId() == null) {
            return RegistryDecision.answer(400, Map.of("detail", "An ownership command needs a manager."));
        }
        long manager = command.managerId();
        switch (command.type()) {
            case TAKE: {
                Take take = payload(command, Take.class);
                return take == null ? malformed(command) : take(manager, take, state, now);
            }
            case RELEASE: {
                Release release = payload(command, Release.class);
                return release == null ? malformed(command) : release(manager, release, state, now);
            }
            default:
                return RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        }
    }

    /** The payload as that type, or null when it is not one. */
    static <T> T payload(RegistryCommand command, Class<T> type) {
        try {
            return command.payload(type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static RegistryDecision malformed(RegistryCommand command) {
        return RegistryDecision.answer(400, Map.of("detail", "Malformed " + command.type() + " payload."));
    }

    private static RegistryDecision take(long manager, Take take, RegistryState state, long now) {
        long device = take.deviceId();
        if (device <= 0) {
            return RegistryDecision.answer(400, Map.of("device_id", List.of("A valid integer is required.")));
        }
        var current = Ownerships.current(state, device, now);
        if (current.isPresent()) {
            return current.get().manager() == manager
                    ? RegistryDecision.answer(201, new Taken(current.get().id(), false))
                    : forbidden();
        }
        long start = now;
        if (take.startTime() != null) {
            start = take.startTime();
            if (start > now || start < 0) {
                return RegistryDecision.answer(400, Map.of("start_time", List.of("The start must not be in the future.")));
            }
            long since = start;
            boolean overlaps = Ownerships.ofDevice(state, device).stream().anyMatch(other -> other.endTime() > since);
            if (overlaps) {
                return RegistryDecision.answer(409, Map.of("detail", "Another ownership of the device ends after start_time."));
            }
        }
        Ownership ownership = new Ownership(state.lastId(Ownership.KIND) + 1, device, manager, start, Ownership.OPEN_END);
        List<RegistryChange> changes = new ArrayList<>();
        changes.add(RegistryChange.set(Ownership.KIND, ownership.id(), ownership));
        DeviceSettings settings = state.get(DeviceSettings.KIND, device, DeviceSettings.class).orElse(DeviceSettings.none(device));
        if (!settings.activated()) {
            changes.add(RegistryChange.set(DeviceSettings.KIND, device, settings.withActivationTime(start)));
        }
        return RegistryDecision.applied(201, new Taken(ownership.id(), true), changes);
    }

    private static RegistryDecision release(long manager, Release release, RegistryState state, long now) {
        long device = release.deviceId();
        boolean activated = state.get(DeviceSettings.KIND, device, DeviceSettings.class).map(DeviceSettings::activated).orElse(false);
        if (!activated) {
            return RegistryDecision.answer(400, Map.of("message", NEVER_ACTIVATED));
        }
        var current = Ownerships.current(state, device, now).filter(ownership -> ownership.manager() == manager);
        if (current.isEmpty()) {
            return forbidden();
        }
        Ownership ended = current.get().endingAt(now);
        return RegistryDecision.applied(200, new Released(ended.id()), List.of(RegistryChange.set(Ownership.KIND, ended.id(), ended)));
    }

    private static RegistryDecision forbidden() {
        return RegistryDecision.answer(403, Map.of("detail", ForbiddenResponses.NOT_PERMITTED));
    }
}
