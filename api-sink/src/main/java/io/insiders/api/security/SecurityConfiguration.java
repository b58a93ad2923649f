package io.insiders.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;
import io.insiders.api.kafka.KafkaClusterProperties;
import io.insiders.api.throttling.ThrottleFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Who may call what. Stateless: every request authenticates itself, with HTTP Basic or a token
 * ({@link ApiAuthenticationFilter}); no session, no CSRF token (no cookie ever authenticates), no login
 * page. Registration ({@code POST /api/v1/managers/}) and {@code POST /api/v1/auth/token/} are open;
 * every other operation of the API requires an authenticated manager, and answers 403
 * {@code {"detail": "Authentication credentials were not provided."}} without one. Health, metrics, the
 * OpenAPI document and its page are open, and an unknown path is a 404 for everyone ({@link ApiPaths}).
 *
 * <p>The chain runs before the application's own filters (Spring Boot orders it at -100; the throttle
 * comes at -90), so those find the authenticated manager in the {@code SecurityContextHolder} and as
 * the request's {@code getUserPrincipal()}, named by his id.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** bcrypt, behind Spring Security's delegating encoder: hashes name their algorithm, so a later one can take over. */
    @Bean
    PasswordEncoder passwordEncoder(AuthenticationProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
    }

    /**
     * Spring Security's own observations off. With them, every request made an observation of the filter chain with an
     * event before and after each of its filters, each event a meter looked up by its tags. Off, an authenticated
     * {@code latest-timestamp/} costs 10 to 15 % less CPU (docs/benchmarks.md, change 21). The request itself stays observed
     * ({@code http.server.requests}: latency per endpoint and status, failed sign-ins as 401s and 403s); the
     * {@code spring.security.*} timers of each filter, sign-in and authorization decision are no longer published.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    CredentialVerifier credentialVerifier(ManagerDirectory directory, PasswordEncoder encoder, AuthenticationProperties properties) {
        return new CredentialVerifier(directory, encoder, properties.credentialCacheTtl(), properties.credentialCacheSize());
    }

    @Bean
    TokenService tokenService(AuthenticationProperties properties, KafkaClusterProperties kafka, ManagerDirectory directory) {
        return new TokenService(TokenSecret.load(properties.tokenSecret(), kafka.dataDir()), properties.tokenTtl(), directory,
                System::currentTimeMillis);
    }

    /**
     * Checks a username and password ({@link UsernamePasswordAuthenticationToken}). Declaring it also keeps Spring Boot
     * from creating its default in-memory user.
     */
    @Bean
    AuthenticationManager authenticationManager(CredentialVerifier credentials) {
        return authentication -> {
            if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
                return null;
            }
            Object password = authentication.getCredentials();
            Manager manager = credentials.verify(authentication.getName(), password == null ? null : password.toString())
                    .orElseThrow(() -> new BadCredentialsException(ApiAuthenticationFilter.INVALID_CREDENTIALS));
            return new ManagerAuthentication(new AuthenticatedManager(manager.id(), manager.username()));
        };
    }

    @Bean
    ApiPaths apiPaths(ApplicationContext context, Environment environment) {
        List<String> open = new ArrayList<>();
        open.add(environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"));
        String ui = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
        // springdoc serves the page's files from the folder of its path: /api/v1/docs/ -> /api/v1/docs/swagger-ui/...
        open.add(ui.substring(0, ui.lastIndexOf('/') + 1));
        open.removeIf(prefix -> !prefix.startsWith(ApiPaths.API_PREFIX) || prefix.length() <= ApiPaths.API_PREFIX.length());
        return new ApiPaths(context, open);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager passwords, TokenService tokens, ApiPaths paths,
                                    ObjectProvider<FilterRegistrationBean<ThrottleFilter>> throttle) throws Exception {
        // Requests refused here never reach the throttle filter (after this chain): they are counted as they are refused.
        FilterRegistrationBean<ThrottleFilter> registration = throttle.getIfAvailable();
        ThrottleFilter throttleFilter = registration == null ? null : registration.getFilter();
        ForbiddenResponses forbidden = new ForbiddenResponses(throttleFilter == null ? (request, response) -> true
                : throttleFilter::admitRefused);
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(forbidden).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiAuthenticationFilter(passwords, tokens, paths, contexts, forbidden),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/managers/", "/api/v1/auth/token/").permitAll()
                        .requestMatchers(paths::isOperation).authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }
}
