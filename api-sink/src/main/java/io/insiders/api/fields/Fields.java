package io.insiders.api.fields;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.insiders.api.registry.Registry;
import io.insiders.api.web.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The fields of each manager: read from this instance's registry, changed through the registry's commands
 * ({@link FieldRules}). A manager sees only his own; another's is "Not found.".
 */
@Component
public class Fields {

    private final Registry registry;

    public Fields(Registry registry) {
        this.registry = registry;
    }

    /** The manager's fields, by id. */
    public List<Field> of(long manager) {
        return registry.state().all(Field.KIND, Field.class).stream().filter(field -> field.ownedBy(manager))
                .sorted(Comparator.comparingLong(Field::id)).toList();
    }

    /** The manager's field with that id, if he has one. */
    public Optional<Field> find(long manager, long id) {
        return registry.state().get(Field.KIND, id, Field.class).filter(field -> field.ownedBy(manager));
    }

    /** The manager's field named by a path's {@code {field}}: 404 unless it is the integer id of one of his fields. */
    public Field require(long manager, String pathId) {
        return PathIds.parse(pathId).flatMap(id -> find(manager, id)).orElseThrow(ApiException::notFound);
    }

    /**
     * A new field of the manager, from a request body ({@link FieldForm}).
     *
     * @throws ApiException 400 with every error of the body
     */
    public FieldView create(long manager, JsonNode body) {
        FieldChange change = FieldForm.read(body, false);
        return registry.require(FieldRules.CREATE, manager, change, FieldView.class);
    }

    /**
     * Changes the manager's field: every part for PUT, those given for PATCH.
     *
     * @throws ApiException 404 when it is not one of his fields (checked before the body, as DRF does), 400 for the body
     */
    public FieldView update(long manager, String pathId, JsonNode body, boolean partial) {
        Field field = require(manager, pathId);
        FieldChange read = FieldForm.read(body, partial);
        return registry.require(FieldRules.UPDATE, manager, new FieldChange(field.id(), read.name(), read.corners()), FieldView.class);
    }

    /** Deletes the manager's field: the enrichment forgets it, its id is never given again. */
    public void delete(long manager, String pathId) {
        Field field = require(manager, pathId);
        registry.require(FieldRules.DELETE, manager, FieldChange.of(field.id()), Object.class);
    }
}
