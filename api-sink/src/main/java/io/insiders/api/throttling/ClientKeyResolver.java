package io.insiders.api.throttling;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells whom a request counts against. The application uses {@link PrincipalOrAddressKeyResolver}
 * unless a bean of this type is declared, which replaces it.
 */
@FunctionalInterface
public interface ClientKeyResolver {

    ClientKey resolve(HttpServletRequest request);
}
