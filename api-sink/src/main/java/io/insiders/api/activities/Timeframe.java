package io.insiders.api.activities;

import java.util.List;

/**
 * A period of an activity and the devices it links.
 *
 * @param startTime when it starts, epoch milliseconds
 * @param endTime when it ends, epoch milliseconds, after the start
 * @param devices the ids of the devices it links, without repeats, in the order given
 */
public record Timeframe(long startTime, long endTime, List<Long> devices) {

    public Timeframe {
        devices = List.copyOf(devices);
    }
}
