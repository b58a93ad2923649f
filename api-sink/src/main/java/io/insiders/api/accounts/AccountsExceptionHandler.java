package io.insiders.api.accounts;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 503 with {@code Retry-After} when the accounts cannot answer in time. */
@RestControllerAdvice
public class AccountsExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsExceptionHandler.class);

    @ExceptionHandler(AccountsUnavailableException.class)
    ResponseEntity<Map<String, ?>> unavailable(AccountsUnavailableException e) {
        LOG.warn("answering 503: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(AccountsUnavailableException.RETRY_AFTER_SECONDS))
                .body(Map.of("detail", e.detail()));
    }
}
