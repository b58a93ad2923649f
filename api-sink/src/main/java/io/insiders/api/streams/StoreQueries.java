package io.insiders.api.streams;

import java.util.function.Function;

import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Reads this instance's stores by interactive query, waiting a bounded time while a store is in
 * transition (a rebalance, a restore) and then giving up with {@link StoreUnavailableException}:
 * a query never waits without bound and never fails with an internal error.
 */
public final class StoreQueries {

    private static final long POLL_MS = 50;

    private final StreamsRuntime runtime;

    public StoreQueries(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Applies {@code read} to the store {@code name} as soon as it answers here. The read is retried
     * whole when the store moves away under it, so it must not have side effects.
     */
    public <T, R> R read(String name, QueryableStoreType<T> type, Function<T, R> read) {
        long deadline = System.nanoTime() + runtime.storeWait().toNanos();
        while (true) {
            try {
                return read.apply(runtime.streams().store(StoreQueryParameters.fromNameAndType(name, type)));
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw new StoreUnavailableException(name, Math.max(1, runtime.storeWait().toSeconds()), e);
                }
                sleep();
            }
        }
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
