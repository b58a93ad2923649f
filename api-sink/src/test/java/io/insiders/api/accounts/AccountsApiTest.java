package io.insiders.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * Every manager operation through HTTP on a real broker and a real SMTP server: success and each
 * documented error, two registrations racing for one username, tokens ended by a password change,
 * and the credentials email.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "insiders.security.bcrypt-strength=4")
class AccountsApiTest {

    static final String NOT_AUTHENTICATED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    static final String INVALID_CREDENTIALS = "{\"detail\":\"Invalid username/password.\"}";
    static final String NOT_PERMITTED = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String TAKEN = "{\"username\":[\"A user with that username already exists.\"]}";

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @MockitoSpyBean
    private PasswordEncoder encoder;
    private ApiClient anonymous;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
        TestMail.register(registry);
    }

    @BeforeEach
    void client() {
        anonymous = new ApiClient(port);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TestAccounts.Credentials register() {
        return TestAccounts.register(context, anonymous);
    }

    private ApiClient basic(TestAccounts.Credentials manager) {
        return anonymous.withBasic(manager.username(), manager.password());
    }

    @Test
    void aNewManagerIsEmailedHisCredentialsAndReadsHisAccountWithThem() throws Exception {
        String username = unique("jon.doe") + "@example.com";
        HttpResponse<String> created = anonymous.postJson("/api/v1/managers/", "{\"username\": \"" + username + "\","
                + " \"external_id\": \"0123456789\", \"email\": \"" + username + "\","
                + " \"manager_profile\": {\"first_name\": \"Jon\", \"last_name\": \"Doe\"}}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = ApiClient.json(created);
        long id = body.get("id").asLong();
        assertThat(id).isPositive();
        assertThat(created.body()).isEqualTo("{\"id\":" + id + ",\"username\":\"" + username + "\",\"external_id\":\"0123456789\","
                + "\"email\":\"" + username + "\",\"manager_profile\":{\"id\":" + id + ",\"first_name\":\"Jon\",\"last_name\":\"Doe\"}}");

        MimeMessage email = List.of(TestMail.server().getReceivedMessages()).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(username);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(email.getSubject()).isEqualTo("Your Insiders account");
        String text = email.getContent().toString();
        assertThat(text).contains("Hello Jon Doe,").contains("Username: " + username);
        String password = TestAccounts.passwordIn(email).orElseThrow();
        assertThat(password).hasSize(20);

        HttpResponse<String> me = anonymous.withBasic(username, password).get("/api/v1/me/");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("{\"id\":" + id + ",\"username\":\"" + username + "\",\"external_id\":\"0123456789\","
                + "\"email\":\"" + username + "\",\"manager_profile\":{\"id\":" + id + ",\"first_name\":\"Jon\",\"last_name\":\"Doe\"},"
                + "\"role\":\"MANAGER\",\"extra_permissions\":[]}");
    }

    @Test
    void aRegistrationWithoutOptionalFieldsHasThemEmpty() {
        String username = unique("ann");
        HttpResponse<String> created = anonymous.postJson("/api/v1/managers/",
                "{\"username\": \"  " + username + " \", \"email\": \"ann@example.com\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = ApiClient.json(created).get("id").asLong();
        assertThat(created.body()).isEqualTo("{\"id\":" + id + ",\"username\":\"" + username + "\",\"external_id\":null,"
                + "\"email\":\"ann@example.com\",\"manager_profile\":{\"id\":" + id + ",\"first_name\":\"\",\"last_name\":\"\"}}");
    }

    @Test
    void aRegistrationWithInvalidFieldsListsEveryError() {
        assertError(anonymous.postJson("/api/v1/managers/", "{}"),
                "{\"username\":[\"This field is required.\"],\"email\":[\"This field is required.\"]}");
        assertError(anonymous.postJson("/api/v1/managers/", "{\"username\": \"bad name!\", \"email\": \"nope\"}"),
                "{\"username\":[\"" + ProfileRules.INVALID_USERNAME + "\"],\"email\":[\"Enter a valid email address.\"]}");
        assertError(anonymous.postJson("/api/v1/managers/", "{\"username\": \"\", \"email\": null}"),
                "{\"username\":[\"This field may not be blank.\"],\"email\":[\"This field may not be null.\"]}");
        assertError(anonymous.postJson("/api/v1/managers/", "{\"username\": \"" + "a".repeat(151) + "\", \"email\": \"a@example.com\","
                + " \"manager_profile\": \"Jon\"}"), "{\"username\":[\"Ensure this field has no more than 150 characters.\"],"
                + "\"manager_profile\":{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}}");
        assertError(anonymous.postJson("/api/v1/managers/", "{\"username\": \"" + unique("x") + "\", \"email\": \"a@example.com\","
                + " \"manager_profile\": {\"first_name\": null, \"last_name\": [1]}}"),
                "{\"manager_profile\":{\"first_name\":[\"This field may not be null.\"],\"last_name\":[\"Not a valid string.\"]}}");
        assertError(anonymous.postJson("/api/v1/managers/", "[1, 2]"),
                "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}");
        TestAccounts.Credentials existing = register();
        assertError(anonymous.postJson("/api/v1/managers/",
                "{\"username\": \"" + existing.username() + "\", \"email\": \"b@example.com\"}"), TAKEN);
    }

    @Test
    void twoRegistrationsRacingForOneUsernameMakeOneAccount() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String username = unique("race");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String email = "racer" + i + "@example.com";
                    answers.add(threads.submit(() -> {
                        start.await();
                        return anonymous.postJson("/api/v1/managers/",
                                "{\"username\": \"" + username + "\", \"email\": \"" + email + "\"}");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 400) {
                        assertThat(response.body()).isEqualTo(TAKEN);
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 400);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theProcessorRefusesTheSecondOfTwoCommandsForOneUsernameWhateverTheInstancesSaw() throws Exception {
        CommandGateway gateway = context.getBean(CommandGateway.class);
        String username = unique("direct");
        List<CompletableFuture<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // As two instances that each saw the username free would write them.
            AccountCommand command = new AccountCommand(AccountCommand.Type.REGISTER, UUID.randomUUID().toString(), null,
                    Map.of(AccountCommand.USERNAME, username, AccountCommand.EMAIL, "d@example.com"), "{bcrypt}$2a$04$unused", 0);
            results.add(CompletableFuture.supplyAsync(() -> gateway.execute(command, Duration.ofSeconds(10))));
        }
        List<CommandResult.Outcome> outcomes = results.stream().map(CompletableFuture::join).map(CommandResult::outcome).toList();
        assertThat(outcomes).containsExactlyInAnyOrder(CommandResult.Outcome.APPLIED, CommandResult.Outcome.INVALID);
        CommandResult refused = results.stream().map(CompletableFuture::join)
                .filter(r -> r.outcome() == CommandResult.Outcome.INVALID).findFirst().orElseThrow();
        assertThat(refused.errors()).isEqualTo(Map.of("username", List.of(AccountState.USERNAME_TAKEN)));
    }

    @Test
    void aManagerReadsHisRecordButNotAnothersAndAnUnknownIdIsNotFound() {
        TestAccounts.Credentials ann = register();
        TestAccounts.Credentials bob = register();
        HttpResponse<String> own = basic(ann).get("/api/v1/managers/" + ann.id() + "/");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(own).get("username").asString()).isEqualTo(ann.username());
        assertThat(own.body()).doesNotContain("role");

        assertDetail(basic(ann).get("/api/v1/managers/" + bob.id() + "/"), 403, NOT_PERMITTED);
        assertDetail(basic(ann).get("/api/v1/managers/999999999/"), 404, NOT_FOUND);
        assertDetail(basic(ann).get("/api/v1/managers/abc/"), 404, NOT_FOUND);
        assertDetail(anonymous.get("/api/v1/managers/" + ann.id() + "/"), 403, NOT_AUTHENTICATED);
        assertDetail(anonymous.get("/api/v1/me/"), 403, NOT_AUTHENTICATED);
        assertDetail(anonymous.withBasic(ann.username(), "wrong-password").get("/api/v1/me/"), 403, INVALID_CREDENTIALS);
        assertDetail(anonymous.withBasic("nobody-" + UUID.randomUUID(), "x").get("/api/v1/me/"), 403, INVALID_CREDENTIALS);
    }

    @Test
    void putReplacesTheGivenFieldsAndAReadThatFollowsSeesIt() {
        TestAccounts.Credentials ann = register();
        TestAccounts.Credentials bob = register();
        String renamed = unique("anne");
        String path = "/api/v1/managers/" + ann.id() + "/";
        HttpResponse<String> updated = basic(ann).putJson(path, "{\"username\": \"" + renamed + "\", \"email\": \"anne@example.org\","
                + " \"external_id\": \"ext-1\", \"manager_profile\": {\"first_name\": \"Anne\", \"last_name\": \"Smith\"}}");
        assertThat(updated.statusCode()).isEqualTo(201);
        String expected = "{\"id\":" + ann.id() + ",\"username\":\"" + renamed + "\",\"external_id\":\"ext-1\","
                + "\"email\":\"anne@example.org\",\"manager_profile\":{\"id\":" + ann.id()
                + ",\"first_name\":\"Anne\",\"last_name\":\"Smith\"}}";
        assertThat(updated.body()).isEqualTo(expected);
        // The same instance, at once: the write is there. The password still works under the new name.
        ApiClient renamedClient = anonymous.withBasic(renamed, ann.password());
        assertThat(renamedClient.get(path).body()).isEqualTo(expected);
        assertDetail(basic(ann).get(path), 403, INVALID_CREDENTIALS);

        assertError(renamedClient.putJson(path, "{\"external_id\": \"x\"}"),
                "{\"username\":[\"This field is required.\"],\"email\":[\"This field is required.\"]}");
        assertError(renamedClient.putJson(path, "{\"username\": \"" + bob.username() + "\", \"email\": \"a@example.com\"}"), TAKEN);
        assertDetail(renamedClient.putJson("/api/v1/managers/" + bob.id() + "/", "{}"), 403, NOT_PERMITTED);
        assertDetail(renamedClient.putJson("/api/v1/managers/999999999/", "{}"), 404, NOT_FOUND);
        assertDetail(anonymous.putJson(path, "{}"), 403, NOT_AUTHENTICATED);
    }

    @Test
    void patchSetsOnlyTheFieldsGiven() {
        TestAccounts.Credentials ann = register();
        String path = "/api/v1/managers/" + ann.id() + "/";
        HttpResponse<String> patched = basic(ann).patchJson(path,
                "{\"manager_profile\": {\"last_name\": \"Jones\"}, \"external_id\": null}");
        assertThat(patched.statusCode()).isEqualTo(201);
        JsonNode body = ApiClient.json(patched);
        assertThat(body.get("username").asString()).isEqualTo(ann.username());
        assertThat(body.get("email").asString()).isEqualTo(ann.email());
        assertThat(body.get("external_id").isNull()).isTrue();
        assertThat(body.get("manager_profile").get("first_name").asString()).isEqualTo("Test");
        assertThat(body.get("manager_profile").get("last_name").asString()).isEqualTo("Jones");
        assertThat(basic(ann).get(path).body()).isEqualTo(patched.body());
        assertError(basic(ann).patchJson(path, "{\"email\": \"not an address\"}"), "{\"email\":[\"Enter a valid email address.\"]}");
        assertDetail(anonymous.patchJson(path, "{}"), 403, NOT_AUTHENTICATED);
    }

    @Test
    void theDeprecatedLookUpByExternalIdAnswersTheManagerHimselfAndSaysItIsDeprecated() {
        TestAccounts.Credentials ann = register();
        TestAccounts.Credentials bob = register();
        String annsId = unique("ext");
        String bobsId = unique("ext");
        basic(ann).patchJson("/api/v1/managers/" + ann.id() + "/", "{\"external_id\": \"" + annsId + "\"}");
        basic(bob).patchJson("/api/v1/managers/" + bob.id() + "/", "{\"external_id\": \"" + bobsId + "\"}");

        HttpResponse<String> own = basic(ann).get("/api/v1/managers/?external-id=" + annsId);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Deprecation")).hasValue("true");
        assertThat(ApiClient.json(own).get("id").asLong()).isEqualTo(ann.id());

        HttpResponse<String> others = basic(ann).get("/api/v1/managers/?external-id=" + bobsId);
        assertDetail(others, 403, NOT_PERMITTED);
        assertThat(others.headers().firstValue("Deprecation")).hasValue("true");
        assertDetail(basic(ann).get("/api/v1/managers/?external-id=" + unique("none")), 404, NOT_FOUND);
        assertError(basic(ann).get("/api/v1/managers/"), "{\"external-id\":[\"This field is required.\"]}");
        assertDetail(anonymous.get("/api/v1/managers/?external-id=" + annsId), 403, NOT_AUTHENTICATED);
    }

    @Test
    void aPasswordChangeRefusesWeakPasswordsWithReasonsAndEndsEarlierTokens() {
        TestAccounts.Credentials ann = register();
        String path = "/api/v1/managers/" + ann.id() + "/password/";
        String token = token(ann.username(), ann.password());
        ApiClient byToken = anonymous.withToken(token);
        assertThat(byToken.get("/api/v1/me/").statusCode()).isEqualTo(200);

        assertError(basic(ann).putJson(path, "{\"password\": \"1234\"}"), "{\"password\":[\"This password is too short. It must contain"
                + " at least 8 characters.\",\"This password is too common.\",\"This password is entirely numeric.\"]}");
        assertError(basic(ann).putJson(path, "{\"password\": \"" + ann.username() + "1\"}"),
                "{\"password\":[\"The password is too similar to the username.\"]}");
        assertError(basic(ann).putJson(path, "{}"), "{\"password\":[\"This field is required.\"]}");
        assertError(basic(ann).putJson(path, "{\"password\": \"\"}"), "{\"password\":[\"This field may not be blank.\"]}");
        TestAccounts.Credentials bob = register();
        assertDetail(basic(ann).putJson("/api/v1/managers/" + bob.id() + "/password/", "{\"password\": \"Whatever-4-Bob!\"}"), 403,
                NOT_PERMITTED);
        assertDetail(basic(ann).putJson("/api/v1/managers/999999999/password/", "{\"password\": \"x\"}"), 404, NOT_FOUND);
        // The weak attempts changed nothing: the token still works.
        assertThat(byToken.get("/api/v1/me/").statusCode()).isEqualTo(200);

        HttpResponse<String> changed = basic(ann).putJson(path, "{\"password\": \"Correct horse 42 battery\"}");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();

        assertDetail(byToken.get("/api/v1/me/"), 403, "{\"detail\":\"Invalid token.\"}");
        assertDetail(basic(ann).get("/api/v1/me/"), 403, INVALID_CREDENTIALS);
        assertThat(anonymous.withBasic(ann.username(), "Correct horse 42 battery").get("/api/v1/me/").statusCode()).isEqualTo(200);
        assertThat(anonymous.withToken(token(ann.username(), "Correct horse 42 battery")).get("/api/v1/me/").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenForCredentialsAcceptedAsTokenOrBearer() {
        TestAccounts.Credentials ann = register();
        String token = token(ann.username(), ann.password());
        assertThat(anonymous.withToken(token).get("/api/v1/me/").statusCode()).isEqualTo(200);
        assertThat(anonymous.withAuthorization("Bearer " + token).get("/api/v1/me/").statusCode()).isEqualTo(200);
        assertThat(anonymous.withAuthorization("token  " + token + " ").get("/api/v1/me/").statusCode()).isEqualTo(200);

        assertError(anonymous.postJson("/api/v1/auth/token/", "{\"username\": \"" + ann.username() + "\", \"password\": \"wrong\"}"),
                "{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}");
        assertError(anonymous.postJson("/api/v1/auth/token/", "{}"),
                "{\"username\":[\"This field is required.\"],\"password\":[\"This field is required.\"]}");
    }

    @Test
    void malformedCredentialsAreRefusedWithRestFrameworksReasons() {
        assertDetail(anonymous.withAuthorization("Basic").get("/api/v1/me/"), 403,
                "{\"detail\":\"Invalid basic header. No credentials provided.\"}");
        assertDetail(anonymous.withAuthorization("Basic a b").get("/api/v1/me/"), 403,
                "{\"detail\":\"Invalid basic header. Credentials string should not contain spaces.\"}");
        assertDetail(anonymous.withAuthorization("Basic !!!").get("/api/v1/me/"), 403,
                "{\"detail\":\"Invalid basic header. Credentials not correctly base64 encoded.\"}");
        assertDetail(anonymous.withAuthorization("Token").get("/api/v1/me/"), 403,
                "{\"detail\":\"Invalid token header. No credentials provided.\"}");
        assertDetail(anonymous.withAuthorization("Token a b").get("/api/v1/me/"), 403,
                "{\"detail\":\"Invalid token header. Token string should not contain spaces.\"}");
        assertDetail(anonymous.withAuthorization("Token 0123456789abcdef").get("/api/v1/me/"), 403, "{\"detail\":\"Invalid token.\"}");
        // Another scheme is no credential at all.
        assertDetail(anonymous.withAuthorization("Digest username=x").get("/api/v1/me/"), 403, NOT_AUTHENTICATED);
        // Wrong credentials fail on an open operation too, as in REST Framework; health does not look at them.
        assertDetail(anonymous.withBasic("nobody", "x").postJson("/api/v1/managers/", "{}"), 403, INVALID_CREDENTIALS);
        assertThat(anonymous.withBasic("nobody", "x").get("/actuator/health").statusCode()).isIn(200, 503);
    }

    @Test
    void anUnknownPathIsNotFoundForEveryone() {
        ApiClient manager = basic(register());
        for (ApiClient client : List.of(anonymous, manager, anonymous.withBasic("nobody", "x"))) {
            for (String path : List.of("/api/v1/nothing/", "/api/v1/me", "/api/v1/managers/abc/",
                    "/api/v1/devices/abc/preprocessed-data/latest-timestamp/", "/nothing")) {
                HttpResponse<String> response = client.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body()).as(path).isEqualTo(NOT_FOUND);
            }
        }
        // A known path, with a method it does not have: 403 for the anonymous, 405 for a manager.
        assertDetail(anonymous.sendJson("DELETE", "/api/v1/me/", ""), 403, NOT_AUTHENTICATED);
        assertThat(manager.sendJson("DELETE", "/api/v1/me/", "").statusCode()).isEqualTo(405);
    }

    @Test
    void basicAuthenticationHashesARepeatedPasswordOnce() {
        TestAccounts.Credentials ann = register();
        clearInvocations(encoder);
        for (int i = 0; i < 10; i++) {
            assertThat(basic(ann).get("/api/v1/me/").statusCode()).isEqualTo(200);
        }
        verify(encoder, times(1)).matches(any(), anyString());
    }

    private String token(String username, String password) {
        HttpResponse<String> response = anonymous.postJson("/api/v1/auth/token/",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(response);
        assertThat(body.propertyNames()).containsExactly("token");
        return body.get("token").asString();
    }

    static void assertError(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(body);
    }

    static void assertDetail(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
    }
}
