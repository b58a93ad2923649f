package io.insiders.api.demo;

import java.util.List;

/**
 * What the demo set up: its manager and his credentials, its devices, its field, and where the API answers.
 *
 * @param managerId the demo manager's id
 * @param username his username
 * @param password his password, set for this run of the demo (printed once to the console, kept nowhere else in plain)
 * @param deviceIds the ids of the demo's devices, which he owns
 * @param fieldId the id of the demo's field, one of his fields
 * @param baseUrl the API's address, {@code http://localhost:<port>}
 */
public record DemoSession(long managerId, String username, String password, List<Long> deviceIds, long fieldId, String baseUrl) {

    public DemoSession {
        deviceIds = List.copyOf(deviceIds);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DemoSession[manager " + managerId + " " + username + ", devices " + deviceIds + ", field " + fieldId + ", " + baseUrl
                + "]";
    }
}
