package io.insiders.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The processor's rules: ids in sequence, a username taken once, commands applied once. */
class AccountStateTest {

    private final AccountState state = new AccountState();
    private long offset;

    private CommandResult run(AccountCommand command) {
        CommandResult result = state.decide(command, offset++, 1000 + offset);
        if (result.manager() != null) {
            state.apply(result.manager());
        }
        return result;
    }

    private static AccountCommand register(String username) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(AccountCommand.USERNAME, username);
        fields.put(AccountCommand.EMAIL, username + "@example.com");
        fields.put(AccountCommand.EXTERNAL_ID, null);
        return new AccountCommand(AccountCommand.Type.REGISTER, "c-" + username, null, fields, "{bcrypt}hash", 0);
    }

    @Test
    void idsFollowEachOtherAndAUsernameIsTakenOnce() {
        assertThat(run(register("ann")).manager().id()).isEqualTo(1);
        assertThat(run(register("bob")).manager().id()).isEqualTo(2);
        CommandResult again = run(register("ann"));
        assertThat(again.outcome()).isEqualTo(CommandResult.Outcome.INVALID);
        assertThat(again.errors()).isEqualTo(Map.of("username", List.of("A user with that username already exists.")));
        assertThat(run(register("cid")).manager().id()).isEqualTo(3);
    }

    @Test
    void aRenameFreesTheOldNameAndTakesTheNewOne() {
        run(register("ann"));
        run(register("bob"));
        CommandResult taken = run(new AccountCommand(AccountCommand.Type.UPDATE, "u1", 1L, Map.of(AccountCommand.USERNAME, "bob"),
                null, 0));
        assertThat(taken.outcome()).isEqualTo(CommandResult.Outcome.INVALID);
        CommandResult renamed = run(new AccountCommand(AccountCommand.Type.UPDATE, "u2", 1L, Map.of(AccountCommand.USERNAME, "anne"),
                null, 0));
        assertThat(renamed.manager().username()).isEqualTo("anne");
        assertThat(renamed.manager().version()).isEqualTo(2);
        assertThat(run(register("ann")).manager().id()).isEqualTo(3);
    }

    @Test
    void aPasswordChangeMovesThePasswordVersionOn() {
        Manager ann = run(register("ann")).manager();
        Manager changed = run(new AccountCommand(AccountCommand.Type.CHANGE_PASSWORD, "p", ann.id(), Map.of(), "{bcrypt}new", 0)).manager();
        assertThat(changed.passwordVersion()).isEqualTo(ann.passwordVersion() + 1);
        assertThat(changed.passwordHash()).isEqualTo("{bcrypt}new");
    }

    @Test
    void aWithdrawnAccountFreesItsUsernameButNotItsId() {
        Manager ann = run(register("ann")).manager();
        run(new AccountCommand(AccountCommand.Type.DEACTIVATE, "d", ann.id(), Map.of(), null, 0));
        assertThat(run(new AccountCommand(AccountCommand.Type.UPDATE, "u", ann.id(), Map.of(), null, 0)).outcome())
                .isEqualTo(CommandResult.Outcome.NOT_FOUND);
        assertThat(run(register("ann")).manager().id()).isEqualTo(2);
    }

    @Test
    void aCommandAtOrBeforeTheLastAppliedOneIsHandledAlready() {
        run(register("ann"));
        run(register("ann"));
        assertThat(state.handled(0)).isTrue();
        // Refused after the last change: taken again, refused the same way.
        assertThat(state.handled(1)).isFalse();
        assertThat(state.handled(2)).isFalse();
    }

    @Test
    void unknownManagersAreNotFound() {
        assertThat(run(new AccountCommand(AccountCommand.Type.CHANGE_PASSWORD, "p", 42L, Map.of(), "h", 0)).outcome())
                .isEqualTo(CommandResult.Outcome.NOT_FOUND);
    }
}
