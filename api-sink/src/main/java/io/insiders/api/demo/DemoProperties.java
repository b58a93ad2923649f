package io.insiders.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo mode's settings ({@code insiders.demo.*}; {@code --demo} on the command line turns it on).
 *
 * @param enabled whether the application provisions the demo's devices, manager and field and plays them live
 * @param devices how many simulated devices
 * @param firstDeviceId the id of the first of them; the others follow
 * @param username the demo manager's username
 * @param email the demo manager's email address (his registration email goes there, or to the outbox)
 * @param fieldName the name of the demo's field
 */
@ConfigurationProperties("insiders.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("10") int devices,
                             @DefaultValue("101") long firstDeviceId, @DefaultValue("demo") String username,
                             @DefaultValue("demo@example.com") String email, @DefaultValue("Demo pitch") String fieldName) {
}
