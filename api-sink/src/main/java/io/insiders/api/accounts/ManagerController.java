package io.insiders.api.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The managers: registration (open to anyone), and the operations restricted to the manager himself,
 * which answer 404 for an id that does not exist and 403 for another manager's.
 */
@RestController
@Tag(name = ApiDocs.TAG_MANAGERS)
public class ManagerController {

    /** The header that marks the deprecated look-up by external id. */
    static final String DEPRECATION = "Deprecation";
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";

    private static final String MANAGER_REQUEST = "{\"username\": \"jon.doe@example.com\", \"external_id\": \"0123456789\","
            + " \"email\": \"jon.doe@example.com\", \"manager_profile\": {\"first_name\": \"Jon\", \"last_name\": \"Doe\"}}";

    private final ManagerDirectory directory;
    private final AccountService accounts;

    public ManagerController(ManagerDirectory directory, AccountService accounts) {
        this.directory = directory;
        this.accounts = accounts;
    }

    @Operation(operationId = "managers_create", summary = "Creates a manager",
            description = "This operation create a manager account and an email is sent to the user's email address, with the"
                    + " account credentials (a generated password).\n\nThis operation is not restricted. Anyone can use this"
                    + " endpoint to register as a manager.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = AccountSchemas.ManagerRequest.class),
                    examples = @ExampleObject(name = "manager", value = MANAGER_REQUEST))))
    @ApiResponse(responseCode = "201", description = "The new manager; his credentials are on their way by email",
            content = @Content(schema = @Schema(implementation = AccountSchemas.ManagerBody.class)))
    @ApiResponse(responseCode = "400", description = "Invalid fields, or a username already taken",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "username taken", value = "{\"username\": [\"" + AccountState.USERNAME_TAKEN + "\"]}"),
                @ExampleObject(name = "invalid email", value = "{\"email\": [\"" + ProfileRules.INVALID_EMAIL + "\"]}"),
                @ExampleObject(name = "missing", value = "{\"username\": [\"This field is required.\"], \"email\": [\"This field is"
                        + " required.\"]}")}))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PostMapping("/api/v1/managers/")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonBody body) {
        Map<String, String> fields = ProfileForm.read(body, false, directory, Optional.empty());
        return ResponseEntity.status(HttpStatus.CREATED).body(ManagerView.of(accounts.register(fields)));
    }

    @Operation(operationId = "managers_by_external_id", summary = "Retrieves a manager by its external id", deprecated = true,
            description = "Deprecated: use `GET /api/v1/me/`. Answers carry a `Deprecation: true` header.\n\n"
                    + "This operation is restricted to the manager himself.")
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "200", description = "The manager",
            headers = @Header(name = DEPRECATION, description = "`true`: this operation is deprecated", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = AccountSchemas.ManagerBody.class)))
    @ApiResponse(responseCode = "400", description = "`external-id` missing", content = @Content(
            schema = @Schema(ref = ApiDocs.VALIDATION_ERROR_SCHEMA),
            examples = @ExampleObject(name = "missing", value = "{\"external-id\": [\"This field is required.\"]}")))
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @GetMapping("/api/v1/managers/")
    Map<String, Object> byExternalId(@Parameter(description = "External ID", required = true)
                                     @RequestParam(name = "external-id", required = false) String externalId,
                                     HttpServletResponse response) {
        response.setHeader(DEPRECATION, "true");
        long self = CurrentManager.require().id();
        if (externalId == null || externalId.isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Map.of("external-id", List.of(Form.REQUIRED)));
        }
        List<Manager> found = directory.byExternalId(externalId.strip());
        if (found.isEmpty()) {
            throw ApiException.notFound();
        }
        return ManagerView.of(found.stream().filter(m -> m.id() == self).findFirst().orElseThrow(ManagerController::notPermitted));
    }

    @Operation(operationId = "managers_retrieve", summary = "Retrieves a manager",
            description = "This operation is restricted to the manager himself.")
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "200", description = "The manager",
            content = @Content(schema = @Schema(implementation = AccountSchemas.ManagerBody.class)))
    @GetMapping("/api/v1/managers/{manager}/")
    Map<String, Object> retrieve(@PathVariable("manager") String managerId) {
        return ManagerView.of(own(managerId));
    }

    @Operation(operationId = "managers_update", summary = "Updates a manager",
            description = "Sets every field given; `username` and `email` are required. Fields left out keep their values."
                    + " Answers 201, as the contract's document says.\n\nThis operation is restricted to the manager himself.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = AccountSchemas.ManagerRequest.class),
                    examples = @ExampleObject(name = "manager", value = MANAGER_REQUEST))))
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "201", description = "The manager, updated",
            content = @Content(schema = @Schema(implementation = AccountSchemas.ManagerBody.class)))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PutMapping("/api/v1/managers/{manager}/")
    ResponseEntity<Map<String, Object>> update(@PathVariable("manager") String managerId, @RequestBody(required = false) JsonBody body) {
        return update(managerId, body, false);
    }

    @Operation(operationId = "managers_partial_update", summary = "Updates a manager (partially)",
            description = "Sets the fields given, none required. Answers 201, as `PUT` does.\n\n"
                    + "This operation is restricted to the manager himself.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = AccountSchemas.ManagerRequest.class),
                    examples = @ExampleObject(name = "first name", value = "{\"manager_profile\": {\"first_name\": \"Jonathan\"}}"))))
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "201", description = "The manager, updated",
            content = @Content(schema = @Schema(implementation = AccountSchemas.ManagerBody.class)))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PatchMapping("/api/v1/managers/{manager}/")
    ResponseEntity<Map<String, Object>> partialUpdate(@PathVariable("manager") String managerId,
                                                      @RequestBody(required = false) JsonBody body) {
        return update(managerId, body, true);
    }

    @Operation(operationId = "managers_password_update", summary = "Changes the user's password",
            description = "Sets a new password, if Django's password rules accept it; every token issued before ends. Answers"
                    + " 204 without a body.\n\nThis operation is restricted to the manager himself.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = AccountSchemas.PasswordChange.class))))
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "204", description = "The password is changed")
    @ApiResponse(responseCode = "400", description = "A password the rules refuse, with every reason",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = @ExampleObject(name = "weak",
                    value = "{\"password\": [\"" + PasswordRules.TOO_SHORT + "\", \"" + PasswordRules.TOO_COMMON + "\", \""
                            + PasswordRules.NUMERIC + "\"]}")))
    @ApiResponse(responseCode = "503", ref = ApiDocs.UNAVAILABLE)
    @PutMapping("/api/v1/managers/{manager}/password/")
    ResponseEntity<Void> password(@PathVariable("manager") String managerId, @RequestBody(required = false) JsonBody body) {
        accounts.changePassword(own(managerId), body);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Map<String, Object>> update(String managerId, JsonBody body, boolean partial) {
        Manager manager = own(managerId);
        Map<String, String> fields = ProfileForm.read(body, partial, directory, Optional.of(manager));
        Manager updated = fields.isEmpty() ? manager : accounts.update(manager, fields);
        return ResponseEntity.status(HttpStatus.CREATED).body(ManagerView.of(updated));
    }

    /** The manager of the path, if he is the one asking: 404 when there is none, 403 when he is another. */
    private Manager own(String managerId) {
        // A path whose id is not an integer is no operation at all: 404 before anything else, as Django's URL patterns answer.
        if (managerId.isEmpty() || managerId.length() > 18 || !managerId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.notFound();
        }
        long self = CurrentManager.require().id();
        Manager manager = directory.byId(Long.parseLong(managerId)).orElseThrow(ApiException::notFound);
        if (manager.id() != self) {
            throw notPermitted();
        }
        return manager;
    }

    private static ApiException notPermitted() {
        return ApiException.detail(HttpStatus.FORBIDDEN, NOT_PERMITTED);
    }
}
