package io.insiders.api;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.insiders.api.ownership.OwnershipRules;
import io.insiders.api.registry.Registry;
import org.awaitility.Awaitility;
import org.springframework.context.ApplicationContext;

/** Ownerships for the application tests: taken through the API, or granted since a past time through the registry. */
public final class TestOwnership {

    private TestOwnership() {
    }

    /**
     * Has the manager own the device since {@code since} (epoch ms), as the ownership command's {@code start_time}
     * allows, so that he reads data sent before the test; nothing changes if he owns it already.
     */
    public static void grantSince(ApplicationContext context, long deviceId, long managerId, long since) {
        context.getBean(Registry.class).require(OwnershipRules.TAKE, managerId, new OwnershipRules.Take(deviceId, since),
                OwnershipRules.Taken.class);
    }

    /** Takes the device by its serial number through the API, waiting for it to be provisioned; returns the answer (201). */
    public static HttpResponse<String> take(ApiClient api, String serialNumber) {
        String body = "{\"serial_number\": \"" + serialNumber + "\"}";
        HttpResponse<String>[] answer = new HttpResponse[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = api.postJson("/api/v1/devices/take-ownership/", body);
            return answer[0].statusCode() != 404;
        });
        if (answer[0].statusCode() != 201) {
            throw new IllegalStateException("take-ownership answered " + answer[0].statusCode() + ": " + answer[0].body());
        }
        return answer[0];
    }
}
