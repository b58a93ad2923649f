package io.insiders.api.streams;

/**
 * A device's stores could not be had in time (a rebalance or a restore is under way, or the instance
 * that holds them does not answer): try again later. Answered 503 with {@code Retry-After}.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public StoreUnavailableException(String store, long retryAfterSeconds, Throwable cause) {
        this(retryAfterSeconds, "store " + store + " is not available yet: the stream processor is rebalancing or restoring",
                cause);
    }

    private StoreUnavailableException(long retryAfterSeconds, String message, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The stores are unavailable for {@code reason} (routing could not reach them), without an underlying exception. */
    public static StoreUnavailableException because(String reason, long retryAfterSeconds) {
        return new StoreUnavailableException(retryAfterSeconds, reason, null);
    }

    /** When a client may try again, in whole seconds. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
