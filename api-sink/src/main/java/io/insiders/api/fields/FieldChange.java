package io.insiders.api.fields;

import java.util.List;

/**
 * The payload of the {@code field.*} registry commands.
 *
 * @param id the field to change or delete; null for a new one
 * @param name the new name; null to keep it
 * @param corners the new corners; null to keep them
 */
public record FieldChange(Long id, String name, List<Corner> corners) {

    /** A new field. */
    public static FieldChange create(String name, List<Corner> corners) {
        return new FieldChange(null, name, corners);
    }

    /** Only the field's id: a deletion. */
    public static FieldChange of(long id) {
        return new FieldChange(id, null, null);
    }
}
