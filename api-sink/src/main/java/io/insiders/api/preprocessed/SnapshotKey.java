package io.insiders.api.preprocessed;

/**
 * What a data listing's snapshot is shared by: the same device, interval and manager within its lifetime.
 *
 * @param deviceId the device's id
 * @param start the interval's first millisecond
 * @param stop the interval's last millisecond
 * @param managerId the manager who lists, whose ownerships will bound what he sees; null while the API is open
 */
record SnapshotKey(long deviceId, long start, long stop, Long managerId) {
}
