package io.insiders.api.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.insiders.api.throttling.ThrottleFilter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * The rules every operation of the API follows, applied to the document once the handlers' annotations
 * are read, so that a new endpoint gets them without a line of its own:
 * <ul>
 * <li>every operation under {@code /api/v1/} may answer 429 {@code Throttled};</li>
 * <li>every operation with a path parameter, or a {@code page} to ask for, may answer 404 {@code NotFound};</li>
 * <li>every operation on {@code /api/v1/devices/{device}/...} may answer 503 {@code Unavailable} (the
 * device is looked up in a store that can be in transition);</li>
 * <li>every operation with a body may answer 400 {@code BadRequest} and 415 {@code UnsupportedMediaType};</li>
 * <li>every operation under {@code /api/v1/} requires HTTP Basic or a token (unless it is one of the open
 * operations, or declares its own requirements) and may answer 403 {@code Forbidden};</li>
 * <li>the path parameters of the contract ({@code device}, {@code manager}, {@code device_ownership},
 * {@code job}) get their type and description unless an annotation gave them;</li>
 * <li>an operation without a tag gets the one of its path ({@code /api/v1/managers/...}: {@code Managers}...);</li>
 * <li>the deprecated parameters ({@code start_iso}, {@code stop_iso}) and operations (the old job path,
 * the custom-name path) are marked deprecated.</li>
 * </ul>
 * A response that an annotation declared already is left as it is. Responses are listed by status code;
 * tags that no operation uses are dropped; {@code /api/v1/schema/} itself is described.
 */
final class ApiConventions implements GlobalOpenApiCustomizer {

    private static final String DEVICE_PATHS = "/api/v1/devices/{device}/";

    /** Query parameters kept for older clients, under the names of the contract. */
    private static final Set<String> DEPRECATED_PARAMETERS = Set.of("start_iso", "stop_iso");

    /** Operations kept for older clients: path, and the methods deprecated on it (empty: all of them). */
    private static final Map<String, Set<PathItem.HttpMethod>> DEPRECATED_OPERATIONS = Map.of(
            "/api/v1/matlab-jobs/{job}/info/", Set.of(),
            "/api/v1/devices/{device}/custom-name/", Set.of());

    /**
     * The operations anyone may call without credentials (the security configuration's open ones); every
     * other operation of the API requires an authenticated manager, by HTTP Basic or a token.
     */
    private static final Set<String> OPEN_OPERATIONS = Set.of("POST /api/v1/managers/", "POST /api/v1/auth/token/");

    /** The tag of an operation that has none of its own, by the first prefix its path starts with. */
    private static final List<Map.Entry<String, String>> PATH_TAGS = List.of(
            Map.entry("/api/v1/devices/{device}/preprocessed-data/", ApiDocs.TAG_PREPROCESSED_DATA),
            Map.entry("/api/v1/devices/", ApiDocs.TAG_DEVICES),
            Map.entry("/api/v1/device-ownerships/", ApiDocs.TAG_DEVICE_OWNERSHIPS),
            Map.entry("/api/v1/managers/", ApiDocs.TAG_MANAGERS),
            Map.entry("/api/v1/me/", ApiDocs.TAG_ACCOUNT),
            Map.entry("/api/v1/auth/", ApiDocs.TAG_AUTHENTICATION),
            Map.entry("/api/v1/jobs/", ApiDocs.TAG_JOBS),
            Map.entry("/api/v1/matlab-jobs/", ApiDocs.TAG_JOBS));

    /** The path parameters of the contract: {@code {device}}, {@code {manager}} and {@code {device_ownership}} are integer ids. */
    private static final Map<String, KnownParameter> PATH_PARAMETERS = Map.of(
            "device", new KnownParameter("Device ID", true, null),
            "manager", new KnownParameter("Manager ID", true, null),
            "device_ownership", new KnownParameter("Device ownership ID", true, null),
            "job", new KnownParameter("Job identifier", false, "job-e429beeb-af8b-47ff-8e17-46e656fd5fa2"));

    private final String schemaPath;
    private final String docsPath;

    /**
     * @param schemaPath where the document is served ({@code springdoc.api-docs.path})
     * @param docsPath where its browsable page is ({@code springdoc.swagger-ui.path})
     */
    ApiConventions(String schemaPath, String docsPath) {
        this.schemaPath = schemaPath;
        this.docsPath = docsPath;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    apply(path, method, operation)));
        }
        describeSchemaPath(openApi);
        dropUnusedTags(openApi);
    }

    private static void apply(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", ApiDocs.BAD_REQUEST);
            addIfAbsent(responses, "415", ApiDocs.UNSUPPORTED_MEDIA_TYPE);
        }
        if (path.startsWith(ThrottleFilter.API_PREFIX)) {
            if (operation.getSecurity() == null) {
                // Two requirements, either of which will do.
                operation.setSecurity(OPEN_OPERATIONS.contains(method + " " + path) ? new ArrayList<>() : new ArrayList<>(List.of(
                        new SecurityRequirement().addList(ApiDocs.BASIC_AUTH), new SecurityRequirement().addList(ApiDocs.TOKEN_AUTH))));
            }
            // Restricted operations refuse missing credentials; every operation, open ones included, refuses wrong ones.
            addIfAbsent(responses, "403", ApiDocs.FORBIDDEN);
        }
        if (path.contains("{") || hasQueryParameter(operation, "page")) {
            addIfAbsent(responses, "404", ApiDocs.NOT_FOUND);
        }
        if (path.startsWith(ThrottleFilter.API_PREFIX)) {
            addIfAbsent(responses, "429", ApiDocs.THROTTLED);
        }
        if (path.startsWith(DEVICE_PATHS)) {
            addIfAbsent(responses, "503", ApiDocs.UNAVAILABLE);
        }
        operation.setResponses(byStatus(responses));
        responses.values().forEach(ApiConventions::dropExampleDescriptionsThatRepeatTheirName);
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            PATH_TAGS.stream().filter(entry -> path.startsWith(entry.getKey())).findFirst()
                    .ifPresent(entry -> operation.addTagsItem(entry.getValue()));
        }

        if (operation.getParameters() != null) {
            operation.getParameters().forEach(ApiConventions::describeParameter);
        }
        Set<PathItem.HttpMethod> deprecated = DEPRECATED_OPERATIONS.get(path);
        if (deprecated != null && (deprecated.isEmpty() || deprecated.contains(method))) {
            operation.setDeprecated(true);
        }
    }

    private static boolean hasQueryParameter(Operation operation, String name) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> "query".equals(parameter.getIn()) && name.equals(parameter.getName()));
    }

    /** swagger copies an {@code @ExampleObject}'s name into its description, which the page would show twice. */
    private static void dropExampleDescriptionsThatRepeatTheirName(ApiResponse response) {
        if (response.getContent() == null) {
            return;
        }
        response.getContent().values().forEach(media -> {
            if (media.getExamples() != null) {
                media.getExamples().forEach((name, example) -> {
                    if (name.equals(example.getDescription())) {
                        example.setDescription(null);
                    }
                });
            }
        });
    }

    private static void describeParameter(Parameter parameter) {
        if ("query".equals(parameter.getIn()) && DEPRECATED_PARAMETERS.contains(parameter.getName())) {
            parameter.setDeprecated(true);
        }
        KnownParameter known = PATH_PARAMETERS.get(parameter.getName());
        if ("path".equals(parameter.getIn()) && known != null) {
            if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
                parameter.setDescription(known.description());
            }
            // springdoc describes a String-typed path variable as a plain string; the contract's ids are integers.
            if (known.integerId() && isPlainString(parameter.getSchema())) {
                parameter.setSchema(new IntegerSchema().format("int64"));
            }
            if (parameter.getSchema() == null) {
                parameter.setSchema(new StringSchema());
            }
            if (parameter.getExample() == null && known.example() != null) {
                parameter.setExample(known.example());
            }
        }
    }

    private static boolean isPlainString(Schema<?> schema) {
        return schema == null || "string".equals(schema.getType())
                && schema.getFormat() == null && schema.getPattern() == null && schema.getEnum() == null;
    }

    private static void addIfAbsent(ApiResponses responses, String status, String ref) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().$ref(ref));
        }
    }

    /** The responses in the order of their status codes, {@code default} last, as the page lists them. */
    private static ApiResponses byStatus(ApiResponses responses) {
        List<String> statuses = new ArrayList<>(responses.keySet());
        statuses.sort(Comparator.comparing((String status) -> "default".equals(status)).thenComparing(Comparator.naturalOrder()));
        ApiResponses sorted = new ApiResponses();
        statuses.forEach(status -> sorted.addApiResponse(status, responses.get(status)));
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    /** springdoc hides its own endpoints; the contract lists the document's download as an operation. */
    private void describeSchemaPath(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().containsKey(schemaPath)) {
            return;
        }
        Operation download = new Operation()
                .operationId("schema_retrieve")
                .summary("Download OpenAPI specification")
                .description("This document, as OpenAPI 3 JSON. A browsable page shows it at `" + docsPath + "`. Never throttled.")
                .addTagsItem(ApiDocs.TAG_SCHEMA)
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The OpenAPI document")
                        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(new ObjectSchema())))));
        openApi.getPaths().addPathItem(schemaPath, new PathItem().get(download));
    }

    private static void dropUnusedTags(OpenAPI openApi) {
        if (openApi.getTags() == null) {
            return;
        }
        Set<String> used = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getTags() != null) {
                    used.addAll(operation.getTags());
                }
            }));
        }
        List<Tag> kept = new ArrayList<>(openApi.getTags());
        kept.removeIf(tag -> !used.contains(tag.getName()));
        openApi.setTags(kept);
    }

    /** What the contract says of a path parameter. */
    private record KnownParameter(String description, boolean integerId, String example) {
    }
}
