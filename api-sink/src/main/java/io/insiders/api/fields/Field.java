package io.insiders.api.fields;

import java.util.List;

/**
 * A manager's field as the registry keeps it: the entries {@code field/<id>}. A deleted field keeps its entry,
 * marked, so that its id is never given again (activities and enriched frames name fields by id).
 *
 * @param id the field's id, given in sequence
 * @param manager the id of the manager who owns it
 * @param name its name
 * @param corners its four corners: the origin, the corner along the length, the opposite corner, the corner along the width
 * @param deleted true once deleted
 */
public record Field(long id, long manager, String name, List<Corner> corners, boolean deleted) {

    /** The registry's kind of entry. */
    public static final String KIND = "field";

    public Field {
        corners = List.copyOf(corners);
    }

    /** True when the field exists and belongs to that manager. */
    public boolean ownedBy(long managerId) {
        return !deleted && manager == managerId;
    }

    /** The field as the API shows it. */
    public FieldView view() {
        return new FieldView(id, name, corners);
    }
}
