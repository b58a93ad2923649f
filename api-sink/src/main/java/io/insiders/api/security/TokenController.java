package io.insiders.api.security;

import java.util.List;
import java.util.Map;

import io.insiders.api.accounts.Form;
import io.insiders.api.accounts.JsonBody;
import io.insiders.api.accounts.Manager;
import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/token/}: a username and password for a token, as DRF's {@code ObtainAuthToken} answers. */
@RestController
@Tag(name = ApiDocs.TAG_AUTHENTICATION)
public class TokenController {

    static final String UNABLE_TO_LOG_IN = "Unable to log in with provided credentials.";

    private final CredentialVerifier credentials;
    private final TokenService tokens;

    public TokenController(CredentialVerifier credentials, TokenService tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** The answer: {@code {"token": "..."}}. Its {@link #toString()} hides the token from debug logs. */
    @Schema(name = "AuthToken")
    public record TokenBody(@Schema(description = "Send it as `Authorization: Token <token>` (or `Bearer <token>`)",
            example = "AQAAAAAAAAAMAAAAAQAAAZbm2vEwAAABlzbj-TD7s1Ey7Oz3RkpxGd3n0VZgk_6mPQb4jYHpv3JkU6RfCg") String token) {

        @Override
        public String toString() {
            return "TokenBody[token not shown]";
        }
    }

    /** The body of a request for a token, for the OpenAPI document. */
    @Schema(name = "AuthTokenRequest")
    public record TokenRequest(@Schema(example = "jon.doe@example.com", requiredMode = Schema.RequiredMode.REQUIRED) String username,
                               @Schema(format = "password", example = "SuperPassword$$123", requiredMode = Schema.RequiredMode.REQUIRED)
                               String password) {

        @Override
        public String toString() {
            return "TokenRequest[" + username + ", password not shown]";
        }
    }

    @Operation(operationId = "auth_token_create", summary = "Obtain a token",
            description = "Exchanges a username and password for a token, sent then as `Authorization: Token <token>` (or"
                    + " `Bearer <token>`). A token expires after a configured time (24 hours unless configured otherwise), and"
                    + " a password change ends every token issued before it. Not restricted.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = TokenRequest.class))))
    @ApiResponse(responseCode = "200", description = "The token", content = @Content(schema = @Schema(implementation = TokenBody.class)))
    @ApiResponse(responseCode = "400", description = "A field missing, or credentials that do not match an account",
            content = @Content(schema = @Schema(ref = ApiDocs.BAD_REQUEST_SCHEMA), examples = {
                @ExampleObject(name = "wrong credentials", value = "{\"non_field_errors\": [\"" + UNABLE_TO_LOG_IN + "\"]}"),
                @ExampleObject(name = "missing", value = "{\"password\": [\"This field is required.\"]}")}))
    @PostMapping("/api/v1/auth/token/")
    TokenBody token(@RequestBody(required = false) JsonBody body) {
        Form form = Form.of(body, false);
        String username = form.string("username", true, false, false, true, Integer.MAX_VALUE);
        String password = form.string("password", true, false, false, false, Integer.MAX_VALUE);
        form.check();
        Manager manager = credentials.verify(username, password).orElseThrow(() ->
                new ApiException(HttpStatus.BAD_REQUEST, Map.of(Form.NON_FIELD_ERRORS, List.of(UNABLE_TO_LOG_IN))));
        return new TokenBody(tokens.issue(manager));
    }
}
