package io.insiders.api.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A manager as the API shows him: the seed's bodies, in the seed's order. */
final class ManagerView {

    /** The role every account of this API has. */
    static final String ROLE = "MANAGER";

    private ManagerView() {
    }

    /** {@code {"id", "username", "external_id", "email", "manager_profile": {"id", "first_name", "last_name"}}}. */
    static Map<String, Object> of(Manager manager) {
        Map<String, Object> profile = new LinkedHashMap<>();
        // One profile per manager, created with him: it shares his id.
        profile.put("id", manager.id());
        profile.put("first_name", manager.firstName());
        profile.put("last_name", manager.lastName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", manager.id());
        body.put("username", manager.username());
        body.put("external_id", manager.externalId());
        body.put("email", manager.email());
        body.put("manager_profile", profile);
        return body;
    }

    /** {@link #of} plus {@code "role": "MANAGER"} and {@code "extra_permissions"} (none are granted yet). */
    static Map<String, Object> me(Manager manager) {
        Map<String, Object> body = of(manager);
        body.put("role", ROLE);
        body.put("extra_permissions", List.of());
        return body;
    }
}
