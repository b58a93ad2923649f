package io.insiders.api.commands;

/**
 * A command could not be written, or its result did not come in time (it may still be applied later):
 * the processor may be moving to another instance. Answered 503 with {@code Retry-After}.
 */
public class CommandsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How long a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final String detail;

    /**
     * @param detail what the client is told
     * @param message what the log says
     */
    public CommandsUnavailableException(String detail, String message, Throwable cause) {
        super(message, cause);
        this.detail = detail;
    }

    /** What the client is told. */
    public String detail() {
        return detail;
    }
}
