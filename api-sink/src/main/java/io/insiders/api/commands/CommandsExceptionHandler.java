package io.insiders.api.commands;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 503 with {@code Retry-After} when a command cannot be answered in time. */
@RestControllerAdvice
public class CommandsExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CommandsExceptionHandler.class);

    @ExceptionHandler(CommandsUnavailableException.class)
    ResponseEntity<Map<String, ?>> unavailable(CommandsUnavailableException e) {
        LOG.warn("answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(CommandsUnavailableException.RETRY_AFTER_SECONDS))
                .body(Map.of("detail", e.detail()));
    }
}
