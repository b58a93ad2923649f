package io.insiders.api.accounts;

import io.insiders.api.commands.CommandsUnavailableException;

/**
 * The accounts could not answer in time: the command could not be written, the processor did not
 * answer within the bound (it may be taking the commands over after an instance left), or the
 * credentials email could not be sent. Answered 503 with {@code Retry-After} and {@link #detail()}.
 */
public final class AccountsUnavailableException extends CommandsUnavailableException {

    private static final long serialVersionUID = 1L;

    /** What the client is told when a command is not answered in time. */
    static final String BUSY = "The accounts service is busy; try again in " + RETRY_AFTER_SECONDS + " seconds.";

    /**
     * @param detail what the client is told
     * @param message what the log says
     */
    public AccountsUnavailableException(String detail, String message, Throwable cause) {
        super(detail, message, cause);
    }
}
