package io.insiders.api.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.insiders.api.fields.Corner;
import io.insiders.api.fields.Field;
import io.insiders.api.ownership.Ownership;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryJson;
import io.insiders.api.registry.RegistryState;
import org.junit.jupiter.api.Test;

/** The activities' rules against registry states that the API cannot easily produce: ownerships that ended, deleted fields. */
class ActivityRulesTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long MANAGER = 4;
    private static final long OTHER = 5;

    private final ActivityRules rules = new ActivityRules();
    private final RegistryState state = new RegistryState();

    @Test
    void aDeviceTheManagerOwnedOnceMayBeInHisActivitiesButNotOneOnlyOthersOwned() {
        set(Ownership.KIND, 1, new Ownership(1, 12, MANAGER, NOW - 7_200_000, NOW - 3_600_000));
        set(Ownership.KIND, 2, new Ownership(2, 12, OTHER, NOW - 3_600_000, Ownership.OPEN_END));
        set(Ownership.KIND, 3, new Ownership(3, 13, OTHER, NOW - 7_200_000, Ownership.OPEN_END));

        RegistryDecision owned = create(new Timeframe(NOW - 7_000_000, NOW - 6_000_000, List.of(12L)));
        assertThat(owned.status()).isEqualTo(201);
        assertThat(owned.changes()).hasSize(1);
        assertThat(owned.changes().get(0).key()).isEqualTo("activity/1");

        RegistryDecision others = create(new Timeframe(NOW - 7_000_000, NOW - 6_000_000, List.of(13L, 12L)));
        assertThat(others.status()).isEqualTo(400);
        assertThat(others.changes()).isEmpty();
        assertThat(others.body().toString())
                .isEqualTo("{\"timeframes\":[{\"devices\":[\"Invalid pk \\\"13\\\" - object does not exist.\"]}]}");
    }

    @Test
    void aDeletedFieldOrAnothersCannotBeChosenButAKeptOneStays() {
        set(Field.KIND, 1, new Field(1, MANAGER, "Deleted", corners(), true));
        set(Field.KIND, 2, new Field(2, OTHER, "Theirs", corners(), false));
        set(Field.KIND, 3, new Field(3, MANAGER, "Mine", corners(), false));

        assertThat(decide(ActivityRules.CREATE, new ActivityChange(null, "A", true, 1L, null)).status()).isEqualTo(400);
        assertThat(decide(ActivityRules.CREATE, new ActivityChange(null, "A", true, 2L, null)).status()).isEqualTo(400);
        RegistryDecision mine = decide(ActivityRules.CREATE, new ActivityChange(null, "A", true, 3L, null));
        assertThat(mine.status()).isEqualTo(201);
        assertThat(mine.body().get("field").asLong()).isEqualTo(3);
        state.apply(mine.changes().get(0).key(), mine.changes().get(0).value(), 10);

        // The field is deleted afterwards: a rename keeps the activity's field as it was.
        set(Field.KIND, 3, new Field(3, MANAGER, "Mine", corners(), true));
        RegistryDecision renamed = decide(ActivityRules.UPDATE, new ActivityChange(1L, "B", false, null, null));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("field").asLong()).isEqualTo(3);
        assertThat(decide(ActivityRules.UPDATE, new ActivityChange(1L, "B", false, null, null), OTHER).status()).isEqualTo(404);
    }

    private RegistryDecision create(Timeframe timeframe) {
        return decide(ActivityRules.CREATE, new ActivityChange(null, "Match", false, null, List.of(timeframe)));
    }

    private RegistryDecision decide(String type, ActivityChange change) {
        return decide(type, change, MANAGER);
    }

    private RegistryDecision decide(String type, ActivityChange change, long manager) {
        return rules.decide(new RegistryCommand(type, "c", manager, RegistryJson.tree(change), NOW), state, NOW);
    }

    private void set(String kind, long id, Object value) {
        state.apply(RegistryState.key(kind, id), RegistryJson.tree(value), 0);
    }

    private static List<Corner> corners() {
        return List.of(new Corner(45.1885, 5.7245), new Corner(45.18939, 5.72494), new Corner(45.18917, 5.72578),
                new Corner(45.18828, 5.72534));
    }
}
