package io.insiders.api.streams;

import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Reads this instance's stores by interactive query, waiting a bounded time while a store is in
 * transition (a rebalance, a restore) and then giving up with {@link StoreUnavailableException}:
 * a query never waits without bound and never fails with an internal error.
 *
 * <p>Within an HTTP request that the router scoped ({@link StoreScope}), reads of the partitioned
 * stores are pinned to the device's partition, may use a standby copy when the router allowed it,
 * and share the request's deadline.
 */
public final class StoreQueries {

    private static final long POLL_MS = 50;

    private final StreamsRuntime runtime;

    public StoreQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Applies {@code read} to the store {@code name} as soon as it answers here, within the current
     * request's {@link StoreScope} if it has one. The read is retried whole when the store moves away
     * under it, so it must not have side effects.
     */
    public <T, R> R read(String name, QueryableStoreType<T> type, Function<T, R> read) {
        return read(StoreScope.current(), name, type, read);
    }

    private <T, R> R read(Optional<StoreScope> scope, String name, QueryableStoreType<T> type, Function<T, R> read) {
        StoreQueryParameters<T> parameters = StoreQueryParameters.fromNameAndType(name, type);
        long deadline = System.nanoTime() + runtime.storeWait().toNanos();
        if (scope.isPresent()) {
            // Global stores ignore the partition: every instance holds them whole.
            parameters = parameters.withPartition(scope.get().partition());
            if (scope.get().staleAllowed()) {
                parameters = parameters.enableStaleStores();
            }
            deadline = scope.get().deadlineNanos();
        }
        while (true) {
            try {
                return read.apply(runtime.streams().store(parameters));
            } catch (InvalidStateStoreException e) {
                giveUpAfter(deadline, name, e);
            } catch (IllegalStateException e) {
                // Thrown while the instance is not running (shutting down, or failed and replacing a thread).
                if (runtime.streams().state().isRunningOrRebalancing()) {
                    throw e;
                }
                giveUpAfter(deadline, name, e);
            }
            sleep();
        }
    }

    /**
     * Fails with {@link StoreUnavailableException} when the current request reads a standby copy:
     * a copy that may lag cannot tell that the device has no data, only that it has not seen any yet.
     * Call it before answering "no data" from {@code store}.
     */
    public void requireAuthoritativeAbsence(String store) {
        if (StoreScope.current().map(StoreScope::staleAllowed).orElse(false)) {
            throw StoreUnavailableException.because("store " + store + " answered from a standby copy that has no data"
                    + " for this device yet", retryAfterSeconds());
        }
    }

    private void giveUpAfter(long deadline, String name, RuntimeException e) {
        if (System.nanoTime() - deadline > 0) {
            throw new StoreUnavailableException(name, retryAfterSeconds(), e);
        }
    }

    /** The Retry-After of a query that found no store in time, in whole seconds. */
    public long retryAfterSeconds() {
        return Math.max(1, runtime.storeWait().toSeconds());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a store", e);
        }
    }
}
