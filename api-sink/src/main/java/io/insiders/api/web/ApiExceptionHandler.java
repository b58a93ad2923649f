package io.insiders.api.web;

import java.util.Map;

import io.insiders.api.streams.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into the API's documented bodies. An unknown path is 404 {"detail": "Not found."}
 * (a path without its trailing slash is one); a store in transition is 503 with Retry-After.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, ?>> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, ?>> noSuchPath(NoResourceFoundException e) {
        return api(ApiException.notFound());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, ?>> method(HttpRequestMethodNotSupportedException e) {
        return api(ApiException.detail(HttpStatus.METHOD_NOT_ALLOWED, "Method \"" + e.getMethod() + "\" not allowed."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, ?>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        Throwable cause = e.getMostSpecificCause();
        String reason = cause instanceof JacksonException json ? json.getOriginalMessage() : "the body is missing or malformed";
        return api(ApiException.detail(HttpStatus.BAD_REQUEST, "JSON parse error - " + reason));
    }

    /** A body sent without a length that went past its limit while read ({@link RequestBodyLimitFilter}). */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<Map<String, ?>> tooLarge(BodyTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(Map.of("detail", RequestBodyLimitFilter.message(e.limit())));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, ?>> mediaType(HttpMediaTypeNotSupportedException e) {
        return api(ApiException.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type \"" + e.getContentType() + "\" in request."));
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<Map<String, ?>> unavailable(StoreUnavailableException e) {
        LOG.info("answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Map.of("detail", "The data of this device is being moved or restored; try again in "
                        + e.retryAfterSeconds() + " seconds."));
    }
}
