package io.insiders.api.activities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.insiders.api.fields.Field;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import io.insiders.api.web.ValidationErrors;
import org.springframework.stereotype.Component;

/**
 * The registry's rules for activities: {@code activity.create}, {@code activity.update} and {@code activity.delete}.
 * A manager changes only his own activities (another's is 404); an activity's field must be one of his fields, and
 * the devices of its timeframes devices he owns or owned (otherwise DRF's "Invalid pk" of an object outside his
 * reach). Checked here, against the registry as every earlier command left it, so that they hold under races.
 */
@Component
public class ActivityRules implements RegistryRules {

    public static final String CREATE = "activity.create";
    public static final String UPDATE = "activity.update";
    public static final String DELETE = "activity.delete";

    @Override
    public String commandPrefix() {
        return "activity.";
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        if (command.managerId() == null) {
            return RegistryDecision.answer(403, Map.of("detail", "Activities belong to a manager."));
        }
        long manager = command.managerId();
        ActivityChange change = command.payload(ActivityChange.class);
        return switch (command.type()) {
            case CREATE -> write(201, new Activity(state.lastId(Activity.KIND) + 1, manager, null, null, List.of(), false), change,
                    state);
            case UPDATE -> owned(change, manager, state).map(activity -> write(200, activity, change, state))
                    .orElseGet(ActivityRules::notFound);
            case DELETE -> owned(change, manager, state).map(ActivityRules::delete).orElseGet(ActivityRules::notFound);
            default -> RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        };
    }

    /** The activity with the change applied, if the field and the devices it names are the manager's. */
    private static RegistryDecision write(int status, Activity activity, ActivityChange change, RegistryState state) {
        long manager = activity.manager();
        Activity changed = new Activity(activity.id(), manager, change.name() != null ? change.name() : activity.name(),
                change.fieldGiven() ? change.field() : activity.field(),
                change.timeframes() != null ? change.timeframes() : activity.timeframes(), false);
        if (changed.name() == null) {
            return RegistryDecision.answer(400, Map.of(ActivityForm.NAME, List.of(ValidationErrors.REQUIRED)));
        }
        ValidationErrors errors = new ValidationErrors();
        if (change.fieldGiven() && change.field() != null
                && state.get(Field.KIND, change.field(), Field.class).filter(field -> field.ownedBy(manager)).isEmpty()) {
            errors.add(ActivityForm.FIELD, ValidationErrors.noSuchObject(change.field()));
        }
        if (change.timeframes() != null) {
            List<Map<String, Object>> timeframeErrors = new ArrayList<>();
            boolean wrong = false;
            for (Timeframe timeframe : change.timeframes()) {
                ValidationErrors problems = new ValidationErrors();
                timeframe.devices().stream().filter(device -> Ownerships.of(state, device, manager).isEmpty())
                        .forEach(device -> problems.add(ActivityForm.DEVICES, ValidationErrors.noSuchObject(device)));
                wrong |= !problems.isEmpty();
                timeframeErrors.add(new LinkedHashMap<>(problems.asMap()));
            }
            if (wrong) {
                errors.put(ActivityForm.TIMEFRAMES, timeframeErrors);
            }
        }
        if (!errors.isEmpty()) {
            return RegistryDecision.answer(400, errors.asMap());
        }
        return RegistryDecision.applied(status, changed.view(), List.of(RegistryChange.set(Activity.KIND, changed.id(), changed)));
    }

    private static RegistryDecision delete(Activity activity) {
        Activity deleted = new Activity(activity.id(), activity.manager(), activity.name(), activity.field(), activity.timeframes(),
                true);
        return RegistryDecision.applied(204, Map.of(), List.of(RegistryChange.set(Activity.KIND, activity.id(), deleted)));
    }

    private static Optional<Activity> owned(ActivityChange change, long manager, RegistryState state) {
        if (change.id() == null) {
            return Optional.empty();
        }
        return state.get(Activity.KIND, change.id(), Activity.class).filter(activity -> activity.ownedBy(manager));
    }

    private static RegistryDecision notFound() {
        return RegistryDecision.answer(404, Map.of("detail", "Not found."));
    }
}
