package io.insiders.api.accounts;

/**
 * The accounts could not answer in time: the command could not be written, the processor did not
 * answer within the bound (it may be taking the commands over after an instance left), or the
 * credentials email could not be sent. Answered 503 with {@code Retry-After} and {@link #detail()}.
 */
public final class AccountsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How long a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String detail;

    /**
     * @param detail what the client is told
     * @param message what the log says
     */
    public AccountsUnavailableException(String detail, String message, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    /** A command without its answer in time. */
    public AccountsUnavailableException(String message, Throwable cause) {
        this("The accounts service is busy; try again in " + RETRY_AFTER_SECONDS + " seconds.", message, cause);
    }

    public String detail() {
        return detail;
    }
}
