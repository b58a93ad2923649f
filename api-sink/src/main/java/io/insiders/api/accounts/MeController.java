package io.insiders.api.accounts;

import java.util.Map;

import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me/}: the authenticated user's account and profile. */
@RestController
@Tag(name = ApiDocs.TAG_ACCOUNT)
public class MeController {

    private final ManagerDirectory directory;

    public MeController(ManagerDirectory directory) {
        this.directory = directory;
    }

    @Operation(operationId = "me_retrieve", summary = "Get authenticated user account and profile data",
            description = "This operation is restricted to authenticated users.")
    @SecurityRequirement(name = ApiDocs.BASIC_AUTH)
    @SecurityRequirement(name = ApiDocs.TOKEN_AUTH)
    @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountSchemas.Me.class)))
    @GetMapping("/api/v1/me/")
    Map<String, Object> me() {
        return ManagerView.me(directory.byId(CurrentManager.require().id()).orElseThrow(ApiException::notFound));
    }
}
