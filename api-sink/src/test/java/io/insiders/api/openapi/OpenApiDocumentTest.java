package io.insiders.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.insiders.api.ApiClient;
import io.insiders.api.TestKafka;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document as a client downloads it, held against the application's own handlers: every
 * endpoint the application maps is in it, with its success and its errors, and the browsable page loads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/:]+)(?::[^}]*)?}");

    @LocalServerPort
    private int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;
    private ApiClient api;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void theDocumentIsServedAsJsonAtItsPathWithTheTrailingSlashOnly() {
        HttpResponse<String> response = api.get("/api/v1/schema/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode document = ApiClient.json(response);
        assertThat(document.path("openapi").asString()).startsWith("3.");
        assertThat(document.path("info").path("title").asString()).isEqualTo("Insiders API");
        assertThat(document.path("info").path("version").asString()).isEqualTo("1.22");
        assertThat(document.path("info").path("description").asString()).contains("ends with a slash", "Retry-After");

        HttpResponse<String> withoutSlash = api.get("/api/v1/schema");
        assertThat(withoutSlash.statusCode()).isEqualTo(404);
        assertThat(withoutSlash.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void everyEndpointOfTheApplicationIsDescribedWithItsSuccessAndItsErrors() {
        JsonNode paths = document().path("paths");
        List<String> problems = new ArrayList<>();
        int described = 0;

        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlers.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("io.insiders.") || hidden(handler)) {
                continue;
            }
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                problems.add(handler + " answers every HTTP method: map it to the ones it serves");
            }
            for (String path : entry.getKey().getPatternValues()) {
                for (RequestMethod method : methods) {
                    String name = method + " " + path + " (" + handler.getShortLogMessage() + ")";
                    JsonNode operation = paths.path(path).path(method.name().toLowerCase(Locale.ROOT));
                    if (operation.isMissingNode()) {
                        problems.add(name + " is not in the document");
                        continue;
                    }
                    described++;
                    problems.addAll(checkOperation(name, path, operation));
                }
            }
        }

        assertThat(problems).isEmpty();
        // The latest timestamp, the upload, the job under its two paths, and whatever came since.
        assertThat(described).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theSharedResponsesCarryTheirBodiesAndHeaders() {
        JsonNode document = document();
        JsonNode components = document.path("components");

        JsonNode throttled = components.path("responses").path("Throttled");
        assertThat(throttled.path("headers").has("Retry-After")).isTrue();
        assertThat(throttled.at("/content/application~1json/schema/$ref").asString()).isEqualTo(ApiDocs.ERROR_SCHEMA);
        assertThat(components.path("responses").path("Unavailable").path("headers").has("Retry-After")).isTrue();
        assertThat(components.at("/headers/Retry-After/schema/type").asString()).isEqualTo("integer");
        for (String response : List.of("BadRequest", "Forbidden", "NotFound", "UnsupportedMediaType")) {
            assertThat(components.path("responses").path(response).path("description").asString()).as(response).isNotBlank();
        }
        assertThat(components.at("/schemas/Error/properties/detail/type").asString()).isEqualTo("string");
        assertThat(components.at("/schemas/ValidationError/additionalProperties/type").asString()).isEqualTo("array");
        assertThat(components.path("securitySchemes").has(ApiDocs.BASIC_AUTH)).isTrue();
        assertThat(components.path("securitySchemes").has(ApiDocs.TOKEN_AUTH)).isTrue();

        List<String> broken = new ArrayList<>();
        collectBrokenReferences(document, document, broken);
        assertThat(broken).isEmpty();
    }

    @Test
    void theOldJobPathIsDeprecatedAndTheDocumentDescribesItself() {
        JsonNode paths = document().path("paths");

        assertThat(paths.at("/~1api~1v1~1matlab-jobs~1{job}~1info~1/get/deprecated").asBoolean()).isTrue();
        assertThat(paths.at("/~1api~1v1~1jobs~1{job}~1/get/deprecated").asBoolean(false)).isFalse();
        assertThat(paths.at("/~1api~1v1~1schema~1/get/summary").asString()).isEqualTo("Download OpenAPI specification");
        assertThat(paths.at("/~1api~1v1~1devices~1{device}~1asi~1/post/parameters/0/schema/type").asString()).isEqualTo("integer");
    }

    @Test
    void theBrowsablePageAndEverythingItLoadsAreServed() {
        HttpResponse<String> docs = api.get("/api/v1/docs/");
        assertThat(docs.statusCode()).isEqualTo(302);
        String page = docs.headers().firstValue("Location").orElseThrow();
        assertThat(page).isEqualTo("/api/v1/docs/swagger-ui/index.html");
        assertThat(api.get("/api/v1/docs").statusCode()).isEqualTo(404);

        HttpResponse<String> html = api.get(page);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(html.body()).contains("<div id=\"swagger-ui\">");

        // The scripts and styles the page names, relative to it.
        String folder = page.substring(0, page.lastIndexOf('/') + 1);
        Matcher resources = Pattern.compile("(?:src|href)=\"(?:\\./)?([^\"/:]+)\"").matcher(html.body());
        List<String> loaded = new ArrayList<>();
        while (resources.find()) {
            HttpResponse<String> resource = api.get(folder + resources.group(1));
            assertThat(resource.statusCode()).as(resources.group(1)).isEqualTo(200);
            loaded.add(resources.group(1));
        }
        assertThat(loaded).contains("swagger-ui-bundle.js", "swagger-initializer.js", "swagger-ui.css", "index.css");

        // The initializer points the page at its configuration, which points it at the document.
        String initializer = api.get(folder + "swagger-initializer.js").body();
        Matcher configUrl = Pattern.compile("\"configUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(initializer);
        assertThat(configUrl.find()).as(initializer).isTrue();
        // Not springdoc's own /api/v1/schema//swagger-config: Spring Security's firewall refuses a double slash.
        assertThat(configUrl.group(1)).isEqualTo("/api/v1/docs/swagger-config/");
        HttpResponse<String> config = api.get(configUrl.group(1));
        assertThat(config.statusCode()).isEqualTo(200);
        String documentUrl = ApiClient.json(config).path("url").asString();
        assertThat(documentUrl).isEqualTo("/api/v1/schema/");
        assertThat(api.get(documentUrl).statusCode()).isEqualTo(200);
    }

    private JsonNode document() {
        HttpResponse<String> response = api.get("/api/v1/schema/");
        assertThat(response.statusCode()).isEqualTo(200);
        return ApiClient.json(response);
    }

    private static List<String> checkOperation(String name, String path, JsonNode operation) {
        List<String> problems = new ArrayList<>();
        JsonNode responses = operation.path("responses");
        List<String> statuses = new ArrayList<>();
        responses.propertyNames().forEach(statuses::add);
        if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
            problems.add(name + " documents no success: " + statuses);
        }
        if (statuses.stream().noneMatch(status -> status.startsWith("4") && !"429".equals(status))) {
            problems.add(name + " documents no error: " + statuses);
        }
        if (!statuses.contains("429")) {
            problems.add(name + " does not document the throttle's 429: " + statuses);
        }
        if (path.startsWith("/api/v1/devices/{device}/") && !(statuses.contains("404") && statuses.contains("503"))) {
            problems.add(name + " is a device's and documents neither 404 nor 503: " + statuses);
        }
        for (String status : statuses) {
            JsonNode response = responses.path(status);
            if (!response.has("$ref") && response.path("description").asString("").isBlank()) {
                problems.add(name + " describes no " + status);
            }
        }
        Matcher variables = PATH_VARIABLE.matcher(path);
        while (variables.find()) {
            String variable = variables.group(1);
            boolean documented = false;
            for (JsonNode parameter : operation.path("parameters")) {
                documented |= "path".equals(parameter.path("in").asString()) && variable.equals(parameter.path("name").asString());
            }
            if (!documented) {
                problems.add(name + " does not document its path parameter " + variable);
            }
        }
        if (operation.path("tags").isEmpty()) {
            problems.add(name + " has no tag");
        }
        return problems;
    }

    private static boolean hidden(HandlerMethod handler) {
        Operation operation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), Operation.class);
        return operation != null && operation.hidden()
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Hidden.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class);
    }

    private static void collectBrokenReferences(JsonNode document, JsonNode node, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()
                    && (!ref.asString().startsWith("#/") || document.at(ref.asString().substring(1)).isMissingNode())) {
                broken.add(ref.asString());
            }
            node.values().forEach(child -> collectBrokenReferences(document, child, broken));
        } else if (node.isArray()) {
            node.forEach(child -> collectBrokenReferences(document, child, broken));
        }
    }
}
