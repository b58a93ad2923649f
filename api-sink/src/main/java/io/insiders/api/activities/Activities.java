package io.insiders.api.activities;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.insiders.api.devices.ActivityMembership;
import io.insiders.api.fields.PathIds;
import io.insiders.api.registry.Registry;
import io.insiders.api.web.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The activities of each manager: read from this instance's registry, changed through the registry's commands
 * ({@link ActivityRules}). A manager sees only his own; another's is "Not found.". Also answers the devices list's
 * {@code activity} filter ({@link ActivityMembership}).
 */
@Component
public class Activities implements ActivityMembership {

    private final Registry registry;

    public Activities(Registry registry) {
        this.registry = registry;
    }

    /** The manager's activities, by id. */
    public List<Activity> of(long manager) {
        return registry.state().all(Activity.KIND, Activity.class).stream().filter(activity -> activity.ownedBy(manager))
                .sorted(Comparator.comparingLong(Activity::id)).toList();
    }

    /** The manager's activity with that id, if he has one. */
    public Optional<Activity> find(long manager, long id) {
        return registry.state().get(Activity.KIND, id, Activity.class).filter(activity -> activity.ownedBy(manager));
    }

    @Override
    public Set<Long> devicesOf(long activityId, long managerId) {
        Set<Long> devices = new LinkedHashSet<>();
        find(managerId, activityId).ifPresent(activity -> activity.timeframes().forEach(t -> devices.addAll(t.devices())));
        return devices;
    }

    /** The manager's activity named by a path's {@code {activity}}: 404 unless it is the integer id of one of his. */
    public Activity require(long manager, String pathId) {
        return PathIds.parse(pathId).flatMap(id -> find(manager, id)).orElseThrow(ApiException::notFound);
    }

    /**
     * A new activity of the manager, from a request body ({@link ActivityForm}).
     *
     * @throws ApiException 400 with every error of the body, or naming a field or devices that are not his
     */
    public ActivityView create(long manager, JsonNode body) {
        return registry.require(ActivityRules.CREATE, manager, ActivityForm.read(body, false), ActivityView.class);
    }

    /**
     * Changes the manager's activity: for PUT the name is required, for PATCH nothing; what is left out is kept.
     *
     * @throws ApiException 404 when it is not one of his (checked before the body, as DRF does), 400 for the body
     */
    public ActivityView update(long manager, String pathId, JsonNode body, boolean partial) {
        Activity activity = require(manager, pathId);
        ActivityChange change = ActivityForm.read(body, partial).to(activity.id());
        return registry.require(ActivityRules.UPDATE, manager, change, ActivityView.class);
    }

    /** Deletes the manager's activity; its id is never given again. */
    public void delete(long manager, String pathId) {
        Activity activity = require(manager, pathId);
        registry.require(ActivityRules.DELETE, manager, ActivityChange.of(activity.id()), Object.class);
    }
}
