package io.insiders.api.fields;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.insiders.api.registry.RegistryChange;
import io.insiders.api.registry.RegistryCommand;
import io.insiders.api.registry.RegistryDecision;
import io.insiders.api.registry.RegistryRules;
import io.insiders.api.registry.RegistryState;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * The registry's rules for fields: {@code field.create}, {@code field.update} and {@code field.delete}. A manager
 * changes only his own fields (another's is 404, as a list filtered by owner would answer). Each change also writes
 * the field's record to {@code insiders.fields} (a deletion, a tombstone) in the command's transaction, so that the
 * enrichment uses exactly the fields the registry holds. Ids are given in sequence and never again after a deletion.
 */
@Component
public class FieldRules implements RegistryRules {

    public static final String CREATE = "field.create";
    public static final String UPDATE = "field.update";
    public static final String DELETE = "field.delete";

    @Override
    public String commandPrefix() {
        return "field.";
    }

    @Override
    public RegistryDecision decide(RegistryCommand command, RegistryState state, long now) {
        if (command.managerId() == null) {
            return RegistryDecision.answer(403, Map.of("detail", "Fields belong to a manager."));
        }
        long manager = command.managerId();
        FieldChange change = command.payload(FieldChange.class);
        return switch (command.type()) {
            case CREATE -> create(change, manager, state);
            case UPDATE -> owned(change, manager, state).map(field -> update(field, change)).orElseGet(FieldRules::notFound);
            case DELETE -> owned(change, manager, state).map(FieldRules::delete).orElseGet(FieldRules::notFound);
            default -> RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
        };
    }

    private static RegistryDecision create(FieldChange change, long manager, RegistryState state) {
        if (change.name() == null || change.corners() == null) {
            return RegistryDecision.answer(400, Map.of("detail", "A new field needs a name and corners."));
        }
        Field field = new Field(state.lastId(Field.KIND) + 1, manager, change.name(), change.corners(), false);
        return write(201, field);
    }

    private static RegistryDecision update(Field field, FieldChange change) {
        Field updated = new Field(field.id(), field.manager(), change.name() != null ? change.name() : field.name(),
                change.corners() != null ? change.corners() : field.corners(), false);
        return write(200, updated);
    }

    private static RegistryDecision write(int status, Field field) {
        Optional<String> problem = FieldShape.problem(field.corners());
        if (problem.isPresent()) {
            return RegistryDecision.answer(400, Map.of(FieldForm.CORNERS_FIELD, List.of(problem.get())));
        }
        return RegistryDecision.applied(status, field.view(), List.of(RegistryChange.set(Field.KIND, field.id(), field)))
                .sending(List.of(new ProducerRecord<>(Topics.FIELDS, key(field.id()), FieldShape.record(field))));
    }

    private static RegistryDecision delete(Field field) {
        Field deleted = new Field(field.id(), field.manager(), field.name(), field.corners(), true);
        return RegistryDecision.applied(204, Map.of(), List.of(RegistryChange.set(Field.KIND, field.id(), deleted)))
                .sending(List.of(new ProducerRecord<>(Topics.FIELDS, key(field.id()), null)));
    }

    private static Optional<Field> owned(FieldChange change, long manager, RegistryState state) {
        if (change.id() == null) {
            return Optional.empty();
        }
        return state.get(Field.KIND, change.id(), Field.class).filter(field -> field.ownedBy(manager));
    }

    private static RegistryDecision notFound() {
        return RegistryDecision.answer(404, Map.of("detail", "Not found."));
    }

    /** The key of a field's record on {@code insiders.fields}: its id in decimal, as the pipeline requires. */
    private static String key(long id) {
        return Long.toString(id);
    }
}
