package io.insiders.api.activities;

import java.util.List;

/**
 * The payload of the {@code activity.*} registry commands.
 *
 * @param id the activity to change or delete; null for a new one
 * @param name the new name; null to keep it
 * @param fieldGiven whether {@code field} is to be set (to a field, or to none)
 * @param field the new field's id, or null for none
 * @param timeframes the new timeframes, replacing every one; null to keep them
 */
public record ActivityChange(Long id, String name, boolean fieldGiven, Long field, List<Timeframe> timeframes) {

    /** Only the activity's id: a deletion. */
    public static ActivityChange of(long id) {
        return new ActivityChange(id, null, false, null, null);
    }

    /** The same change, to that activity. */
    public ActivityChange to(long activityId) {
        return new ActivityChange(activityId, name, fieldGiven, field, timeframes);
    }
}
