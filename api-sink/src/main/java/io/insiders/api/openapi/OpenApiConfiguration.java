package io.insiders.api.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.insiders.api.throttling.ThrottleFilter;
import io.insiders.api.throttling.ThrottlingProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the Insiders API 1.22, served at {@code /api/v1/schema/} with its browsable
 * page at {@code /api/v1/docs/} (springdoc, set up in {@code application.yml}). This class holds what
 * every endpoint shares: the description, the tags, the error bodies and the responses built on them,
 * the {@code Retry-After} header and the security schemes; {@link ApiConventions} applies the common
 * responses to every operation. The endpoints themselves are described by annotations on their
 * handlers: see {@code docs/api-conventions.md}.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The API's version, as the document and its clients know it. */
    public static final String API_VERSION = "1.22";

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String SCHEMA_PATH = "${springdoc.api-docs.path}";
    private static final String DOCS_PATH = "${springdoc.swagger-ui.path}";

    @Bean
    OpenAPI insidersOpenApi(ThrottlingProperties throttling, @Value(SCHEMA_PATH) String schemaPath, @Value(DOCS_PATH) String docsPath) {
        return new OpenAPI()
                .info(new Info().title("Insiders API").version(API_VERSION).description(description(throttling, schemaPath, docsPath)))
                .tags(tags())
                .components(components());
    }

    private static Components components() {
        // Mutable throughout: springdoc adds the schemas it finds in the handlers' annotations to these maps.
        Components components = new Components()
                .addSchemas("Error", errorSchema())
                .addSchemas("ValidationError", validationErrorSchema())
                .addSchemas("BadRequestError", new Schema<>().description("Invalid input (`ValidationError`), or a request that"
                        + " could not be read (`Error`).").oneOf(List.of(schemaRef(ApiDocs.VALIDATION_ERROR_SCHEMA),
                        schemaRef(ApiDocs.ERROR_SCHEMA))))
                .addHeaders(ApiDocs.RETRY_AFTER, retryAfter())
                .addSecuritySchemes(ApiDocs.BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("The user's name and password."))
                .addSecuritySchemes(ApiDocs.TOKEN_AUTH, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name("Authorization").description("`Token <token>` (or `Bearer <token>`), the token from"
                                + " `POST /api/v1/auth/token/`. A password change ends the tokens issued before it."));
        responses().forEach(components::addResponses);
        return components;
    }

    /** Applies the common responses, parameters and deprecations to every operation, whatever group is served. */
    @Bean
    GlobalOpenApiCustomizer apiConventions(@Value(SCHEMA_PATH) String schemaPath, @Value(DOCS_PATH) String docsPath) {
        return new ApiConventions(schemaPath, docsPath);
    }

    private static String description(ThrottlingProperties throttling, String schemaPath, String docsPath) {
        String rates = throttling.enabled()
                ? " The rates: " + throttling.anonymousRate() + " per address for clients that are not authenticated, "
                        + throttling.userRate() + " per authenticated user."
                : "";
        return String.join("\n",
                "The data of the sports wearables that club managers own: their devices, their ownerships, the devices'"
                        + " preprocessed data (GNSS positions, speed, heart rate, positions on known fields) and its ranges"
                        + " of activity, and bulk uploads of `.asi` recording files.",
                "",
                "- Every path ends with a slash that is **not optional**: the same path without it answers 404.",
                "- The API is protected by a throttling system to prevent abuse. When too many requests are made to the"
                        + " API by a client, the API responds with HTTP 429. Clients should check the `Retry-After` response"
                        + " header, which tells how many seconds to wait before making a new request." + rates,
                "- Errors answer `{\"detail\": \"...\"}`; invalid input answers 400 with the messages per field,"
                        + " `{\"field\": [\"...\"]}`, or `{\"non_field_errors\": [\"...\"]}` for rules over several fields.",
                "- Times in bodies are ISO 8601 in UTC (`2021-05-29T17:31:11.900000Z`); `start` and `stop` in queries"
                        + " take epoch milliseconds or an ISO 8601 date time.",
                "- Lists are paginated: `{\"count\", \"page\", \"next\", \"previous\", \"results\"}`, where `next` and"
                        + " `previous` are page numbers or `null`; a page past the end is 404 `{\"detail\": \"Invalid page.\"}`.",
                "",
                "This document is served at `" + schemaPath + "`; a browsable page at `" + docsPath + "`.");
    }

    private static List<Tag> tags() {
        return List.of(
                new Tag().name(ApiDocs.TAG_AUTHENTICATION).description("Tokens for scripts and applications."),
                new Tag().name(ApiDocs.TAG_ACCOUNT).description("The authenticated user's account and profile."),
                new Tag().name(ApiDocs.TAG_MANAGERS).description("Manager users are users that can interact with athletes and"
                        + " teams. They mainly assign performance data to athletes and invite into teams."),
                new Tag().name(ApiDocs.TAG_DEVICES).description("The trackers athletes wear, which managers own for periods of time."),
                new Tag().name(ApiDocs.TAG_DEVICE_OWNERSHIPS).description("Who owned which device, and when."),
                new Tag().name(ApiDocs.TAG_PREPROCESSED_DATA).description("Preprocessed data from a device worn by an athlete"
                        + " during an activity. Typically raw data with enhancement, like position in GPS coordinates and"
                        + " relative to the field."),
                new Tag().name(ApiDocs.TAG_JOBS).description("Background work, such as the decoding of an uploaded ASI file."),
                new Tag().name(ApiDocs.TAG_SCHEMA).description("This document."));
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("An error: what went wrong, in a sentence.")
                .addProperty("detail", new StringSchema().example("Not found."))
                .addRequiredItem("detail");
    }

    private static Schema<?> validationErrorSchema() {
        // A plain schema: ObjectSchema would turn the example map into its toString().
        return new Schema<>().type("object")
                .description("Invalid input: for each field in error, its messages; `non_field_errors` for rules over several fields.")
                .additionalProperties(new ArraySchema().items(new StringSchema()))
                .example(ordered("asi_b64", List.of("This field is required.")));
    }

    private static Header retryAfter() {
        return new Header().description("How many seconds to wait before trying again (a whole number, at least 1).")
                .schema(new IntegerSchema().minimum(BigDecimal.ONE).example(12));
    }

    private static Map<String, ApiResponse> responses() {
        Schema<?> error = schemaRef(ApiDocs.ERROR_SCHEMA);
        Schema<?> errorOrValidation = schemaRef(ApiDocs.BAD_REQUEST_SCHEMA);
        return ordered(
                "BadRequest", new ApiResponse().description("Invalid input: the messages per field, or what is wrong with the request.")
                        .content(json(errorOrValidation, ordered(
                                "validation", example(Map.of("asi_b64", List.of("This field is required."))),
                                "several fields", example(Map.of("non_field_errors", List.of("stop must not be before start."))),
                                "malformed body", detail("JSON parse error - Unexpected end-of-input")))),
                "Forbidden", new ApiResponse().description("Credentials missing or wrong, or the operation is not allowed to this user.")
                        .content(json(error, ordered(
                                "no credentials", detail("Authentication credentials were not provided."),
                                "wrong credentials", detail("Invalid username/password."),
                                "not allowed", detail("You do not have permission to perform this action.")))),
                "NotFound", new ApiResponse().description("No such resource (an id that does not exist, or is not an integer),"
                                + " or a page past the end of a list.")
                        .content(json(error, ordered("not found", detail("Not found."), "invalid page", detail("Invalid page.")))),
                "UnsupportedMediaType", new ApiResponse().description("The body is not JSON.")
                        .content(json(error, ordered("unsupported", detail("Unsupported media type \"text/plain\" in request.")))),
                "Throttled", new ApiResponse().description("Too many requests from this client: wait `Retry-After` seconds.")
                        .addHeaderObject(ApiDocs.RETRY_AFTER, retryAfterRef())
                        .content(json(error, ordered("throttled", detail(ThrottleFilter.message(12))))),
                "Unavailable", new ApiResponse().description("The device's data is being moved between instances or restored:"
                                + " try again after `Retry-After` seconds.")
                        .addHeaderObject(ApiDocs.RETRY_AFTER, retryAfterRef())
                        .content(json(error, ordered("unavailable",
                                detail("The data of this device is being moved or restored; try again in 5 seconds.")))));
    }

    private static Schema<?> schemaRef(String ref) {
        return new Schema<>().$ref(ref);
    }

    private static Header retryAfterRef() {
        return new Header().$ref("#/components/headers/" + ApiDocs.RETRY_AFTER);
    }

    private static Content json(Schema<?> schema, Map<String, Example> examples) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema).examples(examples));
    }

    /** A map in the order of its entries, {@code key, value, key, value...}: the order the page shows them in. */
    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... entries) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], (V) entries[i + 1]);
        }
        return map;
    }

    private static Example detail(String message) {
        return example(Map.of("detail", message));
    }

    private static Example example(Object value) {
        return new Example().value(value);
    }
}
