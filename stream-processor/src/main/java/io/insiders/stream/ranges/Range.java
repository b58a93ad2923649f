package io.insiders.stream.ranges;

/**
 * One activity range of a device.
 *
 * @param start the time of its first sample, epoch milliseconds
 * @param stop the time of its last sample
 * @param size how many distinct samples it holds
 */
public record Range(long start, long stop, long size) {
}
