package io.insiders.api.devices;

import java.util.Set;

/** Which devices an activity links, through its timeframes: the devices list's {@code activity} filter. */
@FunctionalInterface
public interface ActivityMembership {

    /** The ids of the devices linked to a timeframe of the manager's activity; empty when he has no such activity. */
    Set<Long> devicesOf(long activityId, long managerId);
}
