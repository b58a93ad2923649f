package io.insiders.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.junit.jupiter.api.Test;

/** The conventions applied to operations as springdoc hands them over, before any annotation of the kind. */
class ApiConventionsTest {

    private final ApiConventions conventions = new ApiConventions("/api/v1/schema/", "/api/v1/docs/");

    @Test
    void everyOperationMayBeThrottledAndADevicesMayBeMissingOrUnavailable() {
        OpenAPI api = api("/api/v1/devices/{device}/preprocessed-data/ranges/", PathItem.HttpMethod.GET, ok());

        conventions.customise(api);

        ApiResponses responses = operation(api, "/api/v1/devices/{device}/preprocessed-data/ranges/").getResponses();
        assertThat(responses.keySet()).containsExactly("200", "403", "404", "429", "503");
        assertThat(responses.get("429").get$ref()).isEqualTo(ApiDocs.THROTTLED);
        assertThat(responses.get("404").get$ref()).isEqualTo(ApiDocs.NOT_FOUND);
        assertThat(responses.get("503").get$ref()).isEqualTo(ApiDocs.UNAVAILABLE);
    }

    @Test
    void aBodyMayBeInvalidOrNotJsonAndAListMayRunOutOfPages() {
        Operation create = ok().requestBody(new RequestBody().content(new Content().addMediaType("application/json", new MediaType())));
        OpenAPI api = api("/api/v1/managers/", PathItem.HttpMethod.POST, create);
        api.getPaths().get("/api/v1/managers/").get(ok().addParametersItem(new Parameter().in("query").name("page")));

        conventions.customise(api);

        assertThat(api.getPaths().get("/api/v1/managers/").getPost().getResponses().keySet())
                .containsExactly("200", "400", "403", "415", "429");
        assertThat(api.getPaths().get("/api/v1/managers/").getGet().getResponses().keySet()).containsExactly("200", "403", "404", "429");
    }

    @Test
    void everyOperationRequiresBasicOrATokenButTheOpenOnesAndMayBeForbidden() {
        OpenAPI api = api("/api/v1/me/", PathItem.HttpMethod.GET, ok());
        api.getPaths().addPathItem("/api/v1/managers/", new PathItem().post(ok()).get(ok()));
        api.getPaths().addPathItem("/api/v1/auth/token/", new PathItem().post(ok()));
        Operation own = ok().security(List.of(new SecurityRequirement().addList(ApiDocs.TOKEN_AUTH)));
        api.getPaths().addPathItem("/api/v1/devices/", new PathItem().get(own));

        conventions.customise(api);

        Operation me = operation(api, "/api/v1/me/");
        assertThat(me.getSecurity()).containsExactly(new SecurityRequirement().addList(ApiDocs.BASIC_AUTH),
                new SecurityRequirement().addList(ApiDocs.TOKEN_AUTH));
        assertThat(me.getResponses().get("403").get$ref()).isEqualTo(ApiDocs.FORBIDDEN);
        assertThat(api.getPaths().get("/api/v1/managers/").getGet().getSecurity()).hasSize(2);
        // Registration and tokens are open, yet wrong credentials are refused there too.
        assertThat(api.getPaths().get("/api/v1/managers/").getPost().getSecurity()).isEmpty();
        assertThat(api.getPaths().get("/api/v1/managers/").getPost().getResponses()).containsKey("403");
        assertThat(operation(api, "/api/v1/auth/token/").getSecurity()).isEmpty();
        assertThat(operation(api, "/api/v1/devices/").getSecurity()).containsExactly(new SecurityRequirement().addList(ApiDocs.TOKEN_AUTH));
    }

    @Test
    void whatAnAnnotationDeclaredIsKeptAndTheResponsesAreListedByStatus() {
        ApiResponse ownNotFound = new ApiResponse().description("No such job");
        Operation job = new Operation().responses(new ApiResponses()
                .addApiResponse("default", new ApiResponse().description("Anything else"))
                .addApiResponse("404", ownNotFound)
                .addApiResponse("200", new ApiResponse().description("The job")));
        OpenAPI api = api("/api/v1/jobs/{job}/", PathItem.HttpMethod.GET, job);

        conventions.customise(api);

        ApiResponses responses = operation(api, "/api/v1/jobs/{job}/").getResponses();
        assertThat(responses.keySet()).containsExactly("200", "403", "404", "429", "default");
        assertThat(responses.get("404")).isSameAs(ownNotFound);
    }

    @Test
    void theContractsPathParametersAreIntegerIdsUnlessAnnotatedOtherwise() {
        Operation get = ok()
                .addParametersItem(new Parameter().in("path").name("device").schema(new StringSchema()))
                .addParametersItem(new Parameter().in("path").name("manager").description("The manager").schema(new StringSchema()));
        OpenAPI api = api("/api/v1/devices/{device}/managers/{manager}/", PathItem.HttpMethod.GET, get);

        conventions.customise(api);

        List<Parameter> parameters = operation(api, "/api/v1/devices/{device}/managers/{manager}/").getParameters();
        assertThat(parameters.get(0).getDescription()).isEqualTo("Device ID");
        assertThat(parameters.get(0).getSchema().getType()).isEqualTo("integer");
        assertThat(parameters.get(1).getDescription()).isEqualTo("The manager");
        assertThat(parameters.get(1).getSchema().getType()).isEqualTo("integer");
    }

    @Test
    void theDeprecatedParametersAndOperationsAreMarked() {
        Operation ranges = ok()
                .addParametersItem(new Parameter().in("query").name("start"))
                .addParametersItem(new Parameter().in("query").name("start_iso"))
                .addParametersItem(new Parameter().in("query").name("stop_iso"));
        OpenAPI api = api("/api/v1/devices/{device}/preprocessed-data/ranges/", PathItem.HttpMethod.GET, ranges);
        api.getPaths().addPathItem("/api/v1/matlab-jobs/{job}/info/", new PathItem().get(ok()));
        api.getPaths().addPathItem("/api/v1/devices/{device}/custom-name/", new PathItem().put(ok()));
        api.getPaths().addPathItem("/api/v1/jobs/{job}/", new PathItem().get(ok()));

        conventions.customise(api);

        List<Parameter> parameters = operation(api, "/api/v1/devices/{device}/preprocessed-data/ranges/").getParameters();
        assertThat(parameters).extracting(Parameter::getDeprecated).containsExactly(null, true, true);
        assertThat(operation(api, "/api/v1/matlab-jobs/{job}/info/").getDeprecated()).isTrue();
        assertThat(api.getPaths().get("/api/v1/devices/{device}/custom-name/").getPut().getDeprecated()).isTrue();
        assertThat(operation(api, "/api/v1/jobs/{job}/").getDeprecated()).isNull();
    }

    @Test
    void anUntaggedOperationTakesTheTagOfItsPathAndUnusedTagsAreDropped() {
        OpenAPI api = api("/api/v1/devices/{device}/preprocessed-data/", PathItem.HttpMethod.GET, ok());
        api.getPaths().addPathItem("/api/v1/devices/{device}/", new PathItem().get(ok()));
        api.getPaths().addPathItem("/api/v1/device-ownerships/", new PathItem().get(ok().addTagsItem("Own tag")));
        api.tags(List.of(new Tag().name(ApiDocs.TAG_MANAGERS), new Tag().name(ApiDocs.TAG_DEVICES),
                new Tag().name(ApiDocs.TAG_PREPROCESSED_DATA), new Tag().name(ApiDocs.TAG_SCHEMA)));

        conventions.customise(api);

        assertThat(operation(api, "/api/v1/devices/{device}/preprocessed-data/").getTags()).containsExactly(ApiDocs.TAG_PREPROCESSED_DATA);
        assertThat(operation(api, "/api/v1/devices/{device}/").getTags()).containsExactly(ApiDocs.TAG_DEVICES);
        assertThat(operation(api, "/api/v1/device-ownerships/").getTags()).containsExactly("Own tag");
        assertThat(api.getTags()).extracting(Tag::getName)
                .containsExactly(ApiDocs.TAG_DEVICES, ApiDocs.TAG_PREPROCESSED_DATA, ApiDocs.TAG_SCHEMA);
    }

    @Test
    void theDocumentDescribesItsOwnDownloadUnthrottled() {
        OpenAPI api = api("/api/v1/me/", PathItem.HttpMethod.GET, ok());

        conventions.customise(api);

        Operation schema = operation(api, "/api/v1/schema/");
        assertThat(schema.getSummary()).isEqualTo("Download OpenAPI specification");
        assertThat(schema.getResponses().keySet()).containsExactly("200");
        assertThat(schema.getSecurity()).isNull();
        assertThat(schema.getDescription()).contains("/api/v1/docs/");
    }

    @Test
    void anExampleDescriptionThatOnlyRepeatsItsNameIsDropped() {
        Content content = new Content().addMediaType("application/json", new MediaType()
                .addExamples("no data", new Example().description("no data"))
                .addExamples("other", new Example().description("Something more")));
        OpenAPI api = api("/api/v1/me/", PathItem.HttpMethod.GET, new Operation().responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("Me").content(content))));

        conventions.customise(api);

        MediaType json = operation(api, "/api/v1/me/").getResponses().get("200").getContent().get("application/json");
        assertThat(json.getExamples().get("no data").getDescription()).isNull();
        assertThat(json.getExamples().get("other").getDescription()).isEqualTo("Something more");
    }

    private static Operation ok() {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
    }

    private static OpenAPI api(String path, PathItem.HttpMethod method, Operation operation) {
        PathItem item = new PathItem();
        item.operation(method, operation);
        return new OpenAPI().paths(new Paths().addPathItem(path, item));
    }

    private static Operation operation(OpenAPI api, String path) {
        return api.getPaths().get(path).readOperations().get(0);
    }
}
