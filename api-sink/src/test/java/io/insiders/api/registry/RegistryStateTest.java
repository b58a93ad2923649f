package io.insiders.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RegistryStateTest {

    record Pitch(long id, String name) {
    }

    @Test
    void entriesAreReadBackAsTypedValuesByKindAndId() {
        RegistryState state = new RegistryState();
        state.apply("field/1", RegistryJson.tree(new Pitch(1, "North")), 0);
        state.apply("field/2", RegistryJson.tree(new Pitch(2, "South")), 1);
        state.apply("fieldx/3", RegistryJson.tree(new Pitch(3, "Not a field")), 2);

        assertThat(state.get("field", 2, Pitch.class)).contains(new Pitch(2, "South"));
        assertThat(state.get("field", 3, Pitch.class)).isEmpty();
        assertThat(state.all("field", Pitch.class)).containsExactlyInAnyOrder(new Pitch(1, "North"), new Pitch(2, "South"));
        assertThat(state.size()).isEqualTo(3);
    }

    @Test
    void anOlderChangeDoesNotUndoANewerOne() {
        RegistryState state = new RegistryState();
        state.apply("field/1", RegistryJson.tree(new Pitch(1, "renamed")), 7);
        // The topic echoes the command at offset 5 after the writer applied the one at offset 7.
        state.apply("field/1", RegistryJson.tree(new Pitch(1, "original")), 5);

        assertThat(state.get("field", 1, Pitch.class)).contains(new Pitch(1, "renamed"));
        state.apply("field/1", null, 8);
        assertThat(state.get("field", 1, Pitch.class)).isEmpty();
    }

    @Test
    void commandsUpToTheLastAppliedOneAreHandled() {
        RegistryState state = new RegistryState();
        assertThat(state.handled(0)).isFalse();
        state.apply("field/1", RegistryJson.tree(new Pitch(1, "North")), 4);
        assertThat(state.handled(4)).isTrue();
        assertThat(state.handled(3)).isTrue();
        assertThat(state.handled(5)).isFalse();
    }

    @Test
    void idsFollowTheLargestOfTheirKind() {
        RegistryState state = new RegistryState();
        assertThat(state.lastId("field")).isZero();
        state.apply("field/9", RegistryJson.tree(new Pitch(9, "a")), 0);
        state.apply("field/10", RegistryJson.tree(new Pitch(10, "b")), 1);
        state.apply("activity/40", RegistryJson.tree(new Pitch(40, "c")), 2);
        assertThat(state.lastId("field")).isEqualTo(10);
        assertThat(state.lastId("activity")).isEqualTo(40);
    }

    @Test
    void listenersHearEachChangedKeyAfterTheChange() {
        RegistryState state = new RegistryState();
        List<String> heard = new ArrayList<>();
        state.listen(key -> heard.add(key + "=" + state.get(key, Pitch.class).map(Pitch::name).orElse("-")));
        state.apply("field/1", RegistryJson.tree(new Pitch(1, "North")), 0);
        state.apply("field/1", null, 1);
        assertThat(heard).containsExactly("field/1=North", "field/1=-");
    }

    record Owned(long id, long device) {
    }

    @Test
    void entriesAreFoundByAnAttributeThroughAnIndexThatFollowsEveryChange() {
        RegistryState state = new RegistryState();
        state.apply("owned/1", RegistryJson.tree(new Owned(1, 7)), 0);
        state.apply("owned/2", RegistryJson.tree(new Owned(2, 8)), 1);
        assertThat(state.allWhere("owned", Owned.class, "device", Owned::device, 7)).containsExactly(new Owned(1, 7));

        // Changes after the index was built: a new entry, an entry whose attribute changes, a removal.
        state.apply("owned/3", RegistryJson.tree(new Owned(3, 7)), 2);
        state.apply("owned/2", RegistryJson.tree(new Owned(2, 7)), 3);
        state.apply("owned/1", null, 4);
        assertThat(state.allWhere("owned", Owned.class, "device", Owned::device, 7))
                .containsExactlyInAnyOrder(new Owned(2, 7), new Owned(3, 7));
        assertThat(state.allWhere("owned", Owned.class, "device", Owned::device, 8)).isEmpty();
        assertThat(state.allWhere("owned", Owned.class, "device", Owned::device, 9)).isEmpty();
    }
}
