package io.insiders.api.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An answer other than success, with the body the API documents for it (Django REST Framework's
 * shapes: {@code {"detail": "..."}} or validation errors per field).
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient Map<String, ?> body;

    public ApiException(HttpStatus status, Map<String, ?> body) {
        super(status + " " + body);
        this.status = status;
        this.body = body;
    }

    /** 404 {@code {"detail": "Not found."}}. */
    public static ApiException notFound() {
        return detail(HttpStatus.NOT_FOUND, "Not found.");
    }

    /** An answer whose body is {@code {"detail": message}}. */
    public static ApiException detail(HttpStatus status, String message) {
        return new ApiException(status, Map.of("detail", message));
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, ?> body() {
        return body;
    }
}
