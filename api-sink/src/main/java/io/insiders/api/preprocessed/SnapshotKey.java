package io.insiders.api.preprocessed;

import java.util.List;

/**
 * What a data listing's snapshot is shared by: the same device, interval, manager and ownership windows within its
 * lifetime (a manager whose ownership changed gets a new snapshot).
 *
 * @param deviceId the device's id
 * @param start the interval's first millisecond
 * @param stop the interval's last millisecond
 * @param managerId the manager who lists, whose ownerships bound what he sees
 * @param windows the parts of the interval when he owned the device
 */
record SnapshotKey(long deviceId, long start, long stop, Long managerId, List<Interval> windows) {

    SnapshotKey {
        windows = List.copyOf(windows);
    }

    /** A listing of the whole interval. */
    SnapshotKey(long deviceId, long start, long stop, Long managerId) {
        this(deviceId, start, stop, managerId, List.of(new Interval(start, stop)));
    }
}
