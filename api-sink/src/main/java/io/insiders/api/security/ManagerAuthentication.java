package io.insiders.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated manager, by password or by token; the credentials themselves are not kept. */
public final class ManagerAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final AuthenticatedManager manager;

    public ManagerAuthentication(AuthenticatedManager manager) {
        super(List.of(new SimpleGrantedAuthority("ROLE_MANAGER")));
        this.manager = manager;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public AuthenticatedManager getPrincipal() {
        return manager;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ManagerAuthentication that && super.equals(that) && manager.equals(that.manager);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + manager.hashCode();
    }
}
