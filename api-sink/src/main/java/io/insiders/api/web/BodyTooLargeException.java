package io.insiders.api.web;

import java.io.IOException;

/**
 * A request body that went past its limit while it was read (a body sent without {@code Content-Length}):
 * reading stops there, and the request is answered 413.
 */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The largest body accepted, in bytes. */
    public long limit() {
        return limit;
    }
}
