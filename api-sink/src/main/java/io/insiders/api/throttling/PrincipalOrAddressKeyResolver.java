package io.insiders.api.throttling;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The authenticated principal's name when there is one, or else the client's address.
 *
 * <p>The principal is the servlet request's {@link HttpServletRequest#getUserPrincipal()}: with Spring
 * Security on the classpath its request wrapper answers it from the {@code SecurityContextHolder}
 * (anonymous authentications answer {@code null}), so users are keyed by name as soon as
 * authentication exists, as long as the throttle runs after the security filter chain
 * ({@link ThrottlingConfiguration#FILTER_ORDER}). A credential that was not checked, such as a bare
 * {@code Authorization} header, never names a user here: it would let anyone pick a bucket.
 *
 * <p>The address is {@link HttpServletRequest#getRemoteAddr()}: behind a reverse proxy it is the
 * proxy's, unless {@code server.forward-headers-strategy} is set ({@code native} or {@code framework})
 * so that the container takes the client's from {@code X-Forwarded-For} or {@code Forwarded}.
 */
public final class PrincipalOrAddressKeyResolver implements ClientKeyResolver {

    @Override
    public ClientKey resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isEmpty()) {
            return ClientKey.user(principal.getName());
        }
        return ClientKey.address(request.getRemoteAddr());
    }
}
