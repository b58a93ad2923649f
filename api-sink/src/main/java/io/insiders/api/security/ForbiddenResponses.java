package io.insiders.api.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the security filter chain, as Django REST Framework words them and as the API
 * documents them: 403 (not 401, and without {@code WWW-Authenticate}) with {@code {"detail": "..."}}.
 */
public final class ForbiddenResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Counts a refused request against its client's allowance; false when it answered 429 instead. */
    interface RefusalThrottle {
        boolean admitRefused(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    static final String NOT_AUTHENTICATED = "Authentication credentials were not provided.";
    public static final String NOT_PERMITTED = "You do not have permission to perform this action.";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RefusalThrottle throttle;

    /** @param throttle what refused requests are counted by (throttling off: admits every one) */
    ForbiddenResponses(RefusalThrottle throttle) {
        this.throttle = throttle;
    }

    /** An anonymous request to a restricted operation. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        refuse(request, response, NOT_AUTHENTICATED);
    }

    /** An authenticated request to an operation this user may not use. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        refuse(request, response, NOT_PERMITTED);
    }

    /** Answers 403 with {@code detail}, unless the client is past its allowance: then 429. */
    void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        if (throttle.admitRefused(request, response)) {
            write(response, detail);
        }
    }

    static void write(HttpServletResponse response, String detail) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("detail", detail));
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
