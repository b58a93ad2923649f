package io.insiders.api.ownership;

/**
 * A manager's ownership of a device over a period: the registry's entries {@code ownership/<id>}.
 * A take-ownership starts one now and ends it at {@link #OPEN_END}; a release ends it now.
 *
 * @param id the ownership's id
 * @param device the device's id
 * @param manager the manager's id
 * @param startTime when it started, epoch milliseconds
 * @param endTime when it ends, epoch milliseconds (exclusive)
 */
public record Ownership(long id, long device, long manager, long startTime, long endTime) {

    /** The registry's kind of entry. */
    public static final String KIND = "ownership";
    /** The end of an ownership that was never released: 2999-12-31T23:59:59Z. */
    public static final long OPEN_END = 32503679999000L;

    /** True when the ownership holds at that time. */
    public boolean holdsAt(long time) {
        return startTime <= time && time < endTime;
    }

    /** True when the ownership holds at some instant of [from, to] (both included, epoch ms). */
    public boolean meets(long from, long to) {
        return startTime <= to && endTime > from && from <= to;
    }

    /** The same ownership, ended at {@code time}. */
    public Ownership endingAt(long time) {
        return new Ownership(id, device, manager, startTime, time);
    }
}
