package io.insiders.api.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses with 415, before anything reads the request, a {@code Content-Type} the API cannot take:
 * one that does not parse, a wildcard ({@code *}{@code /*}), a charset this JVM does not know, and, on
 * the API's paths, forms ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}),
 * which the container would otherwise parse into parameters (the API's bodies are JSON). Without this
 * filter such headers fail deep in the framework with an internal error.
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header != null && !acceptable(header, request.getRequestURI().startsWith("/api/"))) {
            byte[] body = JSON.writeValueAsBytes(Map.of("detail", "Unsupported media type \"" + header + "\" in request."));
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    /** True for a concrete media type with a known charset, if any (and no form on the API's paths). */
    static boolean acceptable(String header, boolean api) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return false;
        }
        String charset = type.getParameter("charset");
        if (charset != null) {
            try {
                Charset.forName(charset.replace("\"", ""));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return !api || !(MediaType.APPLICATION_FORM_URLENCODED.includes(type) || MediaType.MULTIPART_FORM_DATA.includes(type));
    }
}
