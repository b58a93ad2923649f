package io.insiders.api.streams;

/** A store did not become queryable in time (a rebalance or a restore is under way): try again later. */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public StoreUnavailableException(String store, long retryAfterSeconds, Throwable cause) {
        super("store " + store + " is not available yet: the stream processor is rebalancing or restoring", cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When a client may try again, in whole seconds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
