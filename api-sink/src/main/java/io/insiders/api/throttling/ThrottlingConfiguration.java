package io.insiders.api.throttling;

import java.util.ArrayList;
import java.util.List;

import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers the {@link ThrottleFilter} for {@code /api/v1/*}. The OpenAPI document and its browsable
 * page (springdoc's {@code springdoc.api-docs.path} and the folder of {@code springdoc.swagger-ui.path})
 * are exempt; health and the other actuator endpoints lie outside {@code /api/v1/} and are never throttled.
 */
@Configuration(proxyBeanMethods = false)
public class ThrottlingConfiguration {

    /**
     * Early, before the application's own filters and the dispatcher, yet after Spring Security's
     * filter chain (at -100) so that the authenticated principal is known once security exists; the
     * container's and Spring's request-preparing filters (character encoding, forwarded headers) run before.
     */
    public static final int FILTER_ORDER = -90;

    @Bean
    FilterRegistrationBean<ThrottleFilter> throttleFilter(ThrottlingProperties properties, ObjectProvider<ClientKeyResolver> keys,
                                                          Environment environment) {
        ThrottleFilter filter = new ThrottleFilter(properties, keys.getIfAvailable(PrincipalOrAddressKeyResolver::new),
                exemptPrefixes(environment), TimeMeter.SYSTEM_NANOTIME);
        FilterRegistrationBean<ThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("throttle");
        registration.addUrlPatterns(ThrottleFilter.API_PREFIX + "*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    /** The OpenAPI document's path, and the folder of the Swagger UI page with everything it loads. */
    static List<String> exemptPrefixes(Environment environment) {
        List<String> prefixes = new ArrayList<>();
        prefixes.add(environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"));
        String ui = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
        // springdoc serves the page's files from the folder of the configured path: /api/v1/docs/ -> /api/v1/docs/swagger-ui/...
        prefixes.add(ui.substring(0, ui.lastIndexOf('/') + 1));
        // A prefix outside the API changes nothing, and one that is the API's own would exempt all of it.
        prefixes.removeIf(prefix -> !prefix.startsWith(ThrottleFilter.API_PREFIX) || prefix.length() <= ThrottleFilter.API_PREFIX.length());
        return prefixes;
    }
}
