package io.insiders.api.accounts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The bodies of the account endpoints, described for the OpenAPI document only (the handlers read and
 * answer plain JSON): {@code @Schema(implementation = AccountSchemas.Manager.class)}.
 */
public final class AccountSchemas {

    private AccountSchemas() {
    }

    /** A manager's profile, as answered. */
    @Schema(name = "ManagerProfile")
    public record Profile(
            @Schema(description = "Profile ID (the manager's)", example = "12", accessMode = Schema.AccessMode.READ_ONLY) long id,
            @JsonProperty("first_name") @Schema(maxLength = 150, example = "Jon") String firstName,
            @JsonProperty("last_name") @Schema(maxLength = 150, example = "Doe") String lastName) {
    }

    /** A manager's profile, as written. */
    @Schema(name = "ManagerProfileRequest")
    public record ProfileRequest(
            @JsonProperty("first_name") @Schema(maxLength = 150, example = "Jon") String firstName,
            @JsonProperty("last_name") @Schema(maxLength = 150, example = "Doe") String lastName) {
    }

    /** A manager, as answered. */
    @Schema(name = "Manager")
    public record ManagerBody(
            @Schema(description = "Manager ID", example = "12", requiredMode = Schema.RequiredMode.REQUIRED) long id,
            @Schema(description = "User's name used to authenticate himself/herself", example = "jon.doe@example.com",
                    requiredMode = Schema.RequiredMode.REQUIRED) String username,
            @JsonProperty("external_id") @Schema(description = "User's external ID used from another organisation",
                    example = "0123456789", nullable = true) String externalId,
            @Schema(description = "User's contact email address", format = "email", example = "jon.doe@example.com",
                    requiredMode = Schema.RequiredMode.REQUIRED) String email,
            @JsonProperty("manager_profile") Profile managerProfile) {
    }

    /** A manager, as written (registration and update). */
    @Schema(name = "ManagerRequest")
    public record ManagerRequest(
            @Schema(description = "User's name used to authenticate himself/herself: letters, digits and @/./+/-/_ only",
                    maxLength = 150, example = "jon.doe@example.com", requiredMode = Schema.RequiredMode.REQUIRED) String username,
            @JsonProperty("external_id") @Schema(description = "User's external ID used from another organisation",
                    maxLength = 255, example = "0123456789", nullable = true) String externalId,
            @Schema(description = "User's contact email address", format = "email", maxLength = 254, example = "jon.doe@example.com",
                    requiredMode = Schema.RequiredMode.REQUIRED) String email,
            @JsonProperty("manager_profile") ProfileRequest managerProfile) {
    }

    /** The authenticated user, with his role. */
    @Schema(name = "Me")
    public record Me(
            @Schema(example = "12") long id,
            @Schema(example = "jon.doe@example.com") String username,
            @JsonProperty("external_id") @Schema(example = "0123456789", nullable = true) String externalId,
            @Schema(format = "email", example = "jon.doe@example.com") String email,
            @JsonProperty("manager_profile") Profile managerProfile,
            @Schema(example = "MANAGER", allowableValues = "MANAGER") String role,
            @JsonProperty("extra_permissions") @Schema(description = "Permissions beyond the role's; none are granted yet")
            List<String> extraPermissions) {
    }

    /** A new password. */
    @Schema(name = "PasswordChange")
    public record PasswordChange(
            @Schema(description = "User's plain password: at least 8 characters, not too common, not entirely numeric, not too"
                    + " similar to the username, names or email address", format = "password", example = "SuperPassword$$123",
                    requiredMode = Schema.RequiredMode.REQUIRED) String password) {

        @Override
        public String toString() {
            return "PasswordChange[password not shown]";
        }
    }
}
