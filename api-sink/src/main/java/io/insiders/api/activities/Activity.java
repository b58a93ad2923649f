package io.insiders.api.activities;

import java.util.List;

/**
 * A manager's activity (a match, a training session) as the registry keeps it: the entries {@code activity/<id>}. A
 * deleted activity keeps its entry, marked, so that its id is never given again.
 *
 * @param id the activity's id, given in sequence
 * @param manager the id of the manager who owns it
 * @param name its name
 * @param field the id of the field it takes place on, or null
 * @param timeframes its periods and the devices each one links
 * @param deleted true once deleted
 */
public record Activity(long id, long manager, String name, Long field, List<Timeframe> timeframes, boolean deleted) {

    /** The registry's kind of entry. */
    public static final String KIND = "activity";

    public Activity {
        timeframes = timeframes == null ? List.of() : List.copyOf(timeframes);
    }

    /** True when the activity exists and belongs to that manager. */
    public boolean ownedBy(long managerId) {
        return !deleted && manager == managerId;
    }

    /** The activity as the API shows it. */
    public ActivityView view() {
        return new ActivityView(id, name, field, timeframes.stream().map(ActivityView.TimeframeView::of).toList());
    }
}
