package io.insiders.api.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The manager fields of a registration or an update, read and checked as Django REST Framework's
 * serializer of the user model would: {@code username} and {@code email} required (unless partial),
 * {@code external_id} optional and nullable, {@code manager_profile} an optional object of
 * {@code first_name} and {@code last_name}. Every error is collected before the answer.
 */
final class ProfileForm {

    static final String MANAGER_PROFILE = "manager_profile";

    private ProfileForm() {
    }

    /**
     * The fields given, by their command names, normalized.
     *
     * @param body the request body
     * @param partial true for PATCH: only the fields given are checked and set
     * @param directory the accounts this instance knows, to refuse a taken username at once
     * @param self the manager being updated, empty for a registration
     * @throws io.insiders.api.web.ApiException 400 with the errors per field
     */
    static Map<String, String> read(JsonBody body, boolean partial, ManagerDirectory directory, Optional<Manager> self) {
        Form form = Form.of(body, partial);
        Map<String, String> fields = new LinkedHashMap<>();

        String username = form.string(AccountCommand.USERNAME, true, false, false, true, ProfileRules.USERNAME_MAX);
        if (username != null) {
            username = ProfileRules.normalizeUsername(username);
            if (!ProfileRules.validUsername(username)) {
                form.error(AccountCommand.USERNAME, ProfileRules.INVALID_USERNAME);
            }
            // A first answer from this instance's view; the processor decides, even when two registrations race.
            Optional<Manager> owner = directory.byUsername(username);
            if (owner.isPresent() && (self.isEmpty() || owner.get().id() != self.get().id())) {
                form.error(AccountCommand.USERNAME, AccountState.USERNAME_TAKEN);
            }
            fields.put(AccountCommand.USERNAME, username);
        }
        if (form.has(AccountCommand.EXTERNAL_ID)) {
            fields.put(AccountCommand.EXTERNAL_ID, form.string(AccountCommand.EXTERNAL_ID, false, true, true, true,
                    ProfileRules.EXTERNAL_ID_MAX));
        }
        String email = form.string(AccountCommand.EMAIL, true, false, false, true, ProfileRules.EMAIL_MAX);
        if (email != null) {
            if (!ProfileRules.validEmail(email)) {
                form.error(AccountCommand.EMAIL, ProfileRules.INVALID_EMAIL);
            }
            fields.put(AccountCommand.EMAIL, email);
        }
        if (form.object(MANAGER_PROFILE, false)) {
            Form profile = form.nested(MANAGER_PROFILE);
            for (String name : new String[] {AccountCommand.FIRST_NAME, AccountCommand.LAST_NAME}) {
                String value = profile.string(name, false, false, true, true, ProfileRules.NAME_MAX);
                if (value != null) {
                    fields.put(name, value);
                }
            }
            form.nestedErrors(MANAGER_PROFILE, profile);
        }
        form.check();
        if (self.isEmpty()) {
            fields.putIfAbsent(AccountCommand.EXTERNAL_ID, null);
            fields.putIfAbsent(AccountCommand.FIRST_NAME, "");
            fields.putIfAbsent(AccountCommand.LAST_NAME, "");
        }
        return fields;
    }
}
