package io.insiders.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests reach an operation of the API: a path under {@code /api/v1/} that a handler serves
 * (whatever the method), with integer ids where the contract has ids. These are the operations that
 * authenticate their caller and are restricted unless declared open. Any other path is a 404 for
 * everyone, as Django answers an unknown URL before REST Framework sees the request; the OpenAPI
 * document and its page are open.
 */
public final class ApiPaths {

    /** The API's paths. */
    public static final String API_PREFIX = "/api/v1/";

    /** Path variables that are integer ids in the contract: a path where one is not digits matches no operation. */
    private static final Set<String> ID_VARIABLES = Set.of("device", "manager", "device_ownership", "field", "activity");

    private final ApplicationContext context;
    private final List<String> openPrefixes;
    private volatile List<PathPattern> patterns;

    /**
     * @param context where the handler mappings are, read once on first use (they are complete by then)
     * @param openPrefixes paths under the API that are never restricted (the OpenAPI document and its page)
     */
    public ApiPaths(ApplicationContext context, List<String> openPrefixes) {
        this.context = context;
        this.openPrefixes = List.copyOf(openPrefixes);
    }

    /** True when the request is for one of the API's operations. */
    public boolean isOperation(HttpServletRequest request) {
        String path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication().value();
        if (!path.startsWith(API_PREFIX) || openPrefixes.stream().anyMatch(path::startsWith)) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern pattern : patterns()) {
            PathPattern.PathMatchInfo match = pattern.matchAndExtract(container);
            if (match != null && idsAreIntegers(match.getUriVariables())) {
                return true;
            }
        }
        return false;
    }

    private static boolean idsAreIntegers(Map<String, String> variables) {
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String value = variable.getValue();
            if (ID_VARIABLES.contains(variable.getKey()) && (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private List<PathPattern> patterns() {
        List<PathPattern> known = patterns;
        if (known == null) {
            List<PathPattern> found = new ArrayList<>();
            for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
                for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                    for (String value : info.getPatternValues()) {
                        if (value.startsWith(API_PREFIX)) {
                            found.add(PathPatternParser.defaultInstance.parse(value));
                        }
                    }
                }
            }
            known = List.copyOf(found);
            patterns = known;
        }
        return known;
    }
}
