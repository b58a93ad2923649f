package io.insiders.api.streams;

import java.util.Optional;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Narrows the store reads of one HTTP request to the partition that holds its device, says whether
 * a standby (possibly stale) copy may answer, and bounds the whole request's wait for a store.
 *
 * <p>The router decides where a device's query is answered before the controller runs; it leaves
 * its decision on the request so that {@link StoreQueries} applies it to every read the controller
 * makes, and the controllers stay unaware of partitions and replicas. Pinning the partition matters
 * for correctness too: a read over "all local partitions" would answer "no data" for a device
 * whose partition just moved away, where a pinned read fails and is retried or answered 503.
 *
 * @param partition the partition of the device's stores
 * @param staleAllowed true when a standby replica (or a store still restoring) may answer
 * @param deadlineNanos the {@link System#nanoTime()} after which a read waiting for its store gives up
 */
public record StoreScope(int partition, boolean staleAllowed, long deadlineNanos) {

    private static final String ATTRIBUTE = StoreScope.class.getName();

    /** Makes this scope apply to the store reads of the current request. */
    public void bindToCurrentRequest() {
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        attributes.setAttribute(ATTRIBUTE, this, RequestAttributes.SCOPE_REQUEST);
    }

    /** The scope of the request this thread serves, if the router set one. */
    public static Optional<StoreScope> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable((StoreScope) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
