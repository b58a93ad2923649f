package io.insiders.api.security;

import java.util.Optional;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The manager the current request is authenticated as, for the handlers. */
public final class CurrentManager {

    private CurrentManager() {
    }

    /** The authenticated manager, if any. */
    public static Optional<AuthenticatedManager> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedManager manager
                ? Optional.of(manager) : Optional.empty();
    }

    /** The authenticated manager's id, or null for an anonymous request. */
    public static Long id() {
        return get().map(AuthenticatedManager::id).orElse(null);
    }

    /**
     * The authenticated manager.
     *
     * @throws ApiException 403 "Authentication credentials were not provided." when the request is anonymous (the
     *     security filter chain answers that before a restricted handler runs)
     */
    public static AuthenticatedManager require() {
        return get().orElseThrow(() -> ApiException.detail(HttpStatus.FORBIDDEN, ForbiddenResponses.NOT_AUTHENTICATED));
    }
}
