package io.insiders.api.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import io.insiders.api.accounts.Manager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code Authorization} header, as Django REST Framework's
 * {@code BasicAuthentication} and {@code TokenAuthentication} do, with their messages:
 * {@code Basic <base64 of username:password>}, or {@code Token <token>} (or {@code Bearer <token>}).
 * A header of another scheme, or none, leaves the request anonymous. Credentials that are wrong or
 * malformed end a request to an API operation at once with 403 and the reason (open operations
 * included, as in DRF); elsewhere (health, the OpenAPI document, unknown paths) they are ignored.
 */
final class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String INVALID_CREDENTIALS = "Invalid username/password.";
    static final String INVALID_TOKEN = "Invalid token.";

    private final AuthenticationManager passwords;
    private final TokenService tokens;
    private final ApiPaths paths;
    private final SecurityContextRepository contexts;
    private final ForbiddenResponses forbidden;

    ApiAuthenticationFilter(AuthenticationManager passwords, TokenService tokens, ApiPaths paths, SecurityContextRepository contexts,
                            ForbiddenResponses forbidden) {
        this.forbidden = forbidden;
        this.passwords = passwords;
        this.tokens = tokens;
        this.paths = paths;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = null;
        try {
            authentication = authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (BadCredentialsException e) {
            if (paths.isOperation(request)) {
                forbidden.refuse(request, response, e.getMessage());
                return;
            }
        }
        if (authentication != null) {
            SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
            contexts.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }

    /** The authentication the header proves; null when it uses no scheme of ours. */
    private Authentication authenticate(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] parts = header.strip().split("\\s+");
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "basic" -> basic(parts);
            case "token", "bearer" -> token(parts);
            default -> null;
        };
    }

    private Authentication basic(String[] parts) {
        if (parts.length == 1) {
            throw new BadCredentialsException("Invalid basic header. No credentials provided.");
        }
        if (parts.length > 2) {
            throw new BadCredentialsException("Invalid basic header. Credentials string should not contain spaces.");
        }
        String decoded;
        try {
            decoded = text(Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("Invalid basic header. Credentials not correctly base64 encoded.");
        }
        int colon = decoded.indexOf(':');
        String username = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    private Authentication token(String[] parts) {
        if (parts.length == 1) {
            throw new BadCredentialsException("Invalid token header. No credentials provided.");
        }
        if (parts.length > 2) {
            throw new BadCredentialsException("Invalid token header. Token string should not contain spaces.");
        }
        if (!parts[1].chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new BadCredentialsException("Invalid token header. Token string should not contain invalid characters.");
        }
        Manager manager = tokens.verify(parts[1]).orElseThrow(() -> new BadCredentialsException(INVALID_TOKEN));
        return new ManagerAuthentication(new AuthenticatedManager(manager.id(), manager.username()));
    }

    /** UTF-8, or Latin-1 when the bytes are not UTF-8, as DRF reads them. */
    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
