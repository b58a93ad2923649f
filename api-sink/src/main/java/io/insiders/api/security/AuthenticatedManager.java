package io.insiders.api.security;

import java.io.Serializable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a request is from, once authenticated. Its name is the manager's id, as Django REST Framework's
 * user throttle keys users by their primary key: a change of username changes nothing.
 *
 * @param id the manager's id
 * @param username his username when he authenticated
 */
public record AuthenticatedManager(long id, String username) implements AuthenticatedPrincipal, Serializable {

    @Override
    public String getName() {
        return Long.toString(id);
    }
}
