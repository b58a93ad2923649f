package io.insiders.api.accounts;

import java.util.HashMap;
import java.util.Map;

import io.insiders.api.commands.CommandHandler;

/**
 * The account processor's view of every account, and the rules it enforces over them: a username
 * belongs to one active manager at most, ids are given in sequence and never twice, a command applies
 * to a manager who exists. {@link #decide} is pure; the processor {@link #apply applies} a decision once
 * its transaction has committed.
 */
final class AccountState implements CommandHandler.State {

    static final String USERNAME_TAKEN = "A user with that username already exists.";

    private final Map<Long, Manager> byId = new HashMap<>();
    private final Map<String, Long> idByUsername = new HashMap<>();
    private long lastId;
    private long lastCommandOffset = -1;

    /** Takes a record read back from the managers topic, or one just committed. */
    void apply(Manager manager) {
        Manager previous = byId.put(manager.id(), manager);
        if (previous != null && previous.active()) {
            idByUsername.remove(previous.username(), previous.id());
        }
        if (manager.active()) {
            idByUsername.put(manager.username(), manager.id());
        }
        lastId = Math.max(lastId, manager.id());
        lastCommandOffset = Math.max(lastCommandOffset, manager.commandOffset());
    }

    /**
     * True when the command at {@code offset} was handled already: the state holds a change of a command at or after
     * it. Commands apply in offset order, so every command up to the last one applied was handled; one that was refused
     * after it changed nothing and is refused again the same way.
     */
    @Override
    public boolean handled(long offset) {
        return offset <= lastCommandOffset;
    }

    @Override
    public int size() {
        return byId.size();
    }

    /** What the command at {@code offset} does to the state, at {@code now}; the state itself is not changed. */
    CommandResult decide(AccountCommand command, long offset, long now) {
        String id = command.correlationId();
        return switch (command.type()) {
            case REGISTER -> register(command, offset, now);
            case UPDATE -> {
                Manager current = active(command.managerId());
                if (current == null) {
                    yield CommandResult.notFound(id);
                }
                yield update(command, current, offset, now);
            }
            case CHANGE_PASSWORD -> {
                Manager current = active(command.managerId());
                yield current == null ? CommandResult.notFound(id)
                        : CommandResult.applied(id, current.withPassword(command.passwordHash(), offset, now));
            }
            case DEACTIVATE -> {
                Manager current = active(command.managerId());
                yield current == null ? CommandResult.notFound(id) : CommandResult.applied(id, current.deactivated(offset, now));
            }
        };
    }

    private CommandResult register(AccountCommand command, long offset, long now) {
        Map<String, String> fields = command.fields();
        String username = fields.get(AccountCommand.USERNAME);
        if (idByUsername.containsKey(username)) {
            return CommandResult.invalid(command.correlationId(), AccountCommand.USERNAME, USERNAME_TAKEN);
        }
        Manager created = new Manager(lastId + 1, username, fields.get(AccountCommand.EMAIL), fields.get(AccountCommand.EXTERNAL_ID),
                fields.get(AccountCommand.FIRST_NAME), fields.get(AccountCommand.LAST_NAME), command.passwordHash(), 1, now, true, 1,
                offset, now, now);
        return CommandResult.applied(command.correlationId(), created);
    }

    private CommandResult update(AccountCommand command, Manager current, long offset, long now) {
        Map<String, String> fields = command.fields();
        String username = fields.containsKey(AccountCommand.USERNAME) ? fields.get(AccountCommand.USERNAME) : current.username();
        Long owner = idByUsername.get(username);
        if (owner != null && owner != current.id()) {
            return CommandResult.invalid(command.correlationId(), AccountCommand.USERNAME, USERNAME_TAKEN);
        }
        Manager updated = current.withProfile(username,
                fields.containsKey(AccountCommand.EMAIL) ? fields.get(AccountCommand.EMAIL) : current.email(),
                fields.containsKey(AccountCommand.EXTERNAL_ID) ? fields.get(AccountCommand.EXTERNAL_ID) : current.externalId(),
                fields.containsKey(AccountCommand.FIRST_NAME) ? fields.get(AccountCommand.FIRST_NAME) : current.firstName(),
                fields.containsKey(AccountCommand.LAST_NAME) ? fields.get(AccountCommand.LAST_NAME) : current.lastName(),
                offset, now);
        return CommandResult.applied(command.correlationId(), updated);
    }

    private Manager active(Long id) {
        Manager manager = id == null ? null : byId.get(id);
        return manager != null && manager.active() ? manager : null;
    }
}
