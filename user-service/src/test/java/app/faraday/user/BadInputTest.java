package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.faraday.kit.testing.BadInputContract;
import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Bad input on every endpoint: a clear 4xx problem+json, never a 500, and nothing changed. The cases
 * every writing endpoint shares (malformed JSON, another media type, unstorable text, a body too
 * large) are service-kit's BadInputContract; these are user-service's own.
 */
@QuarkusTest
class BadInputTest extends BadInputContract {

    private static final String GOOD_PREFS =
            "{\"theme\":\"dark\",\"language\":\"en-US\",\"timezone\":\"UTC\",\"notifications\":{}}";

    private static Accounts.Account teacher;
    private String profileBefore;
    private String preferencesBefore;

    @BeforeEach
    void snapshot() {
        if (teacher == null) {
            teacher = Accounts.teacher("bad-input");
        }
        profileBefore = given().auth().oauth2(teacher.token()).get("/api/v1/users/me").asString();
        preferencesBefore = given().auth().oauth2(teacher.token()).get("/api/v1/users/me/preferences").asString();
    }

    private void assertUnchanged() {
        assertEquals(profileBefore, given().auth().oauth2(teacher.token()).get("/api/v1/users/me").asString());
        assertEquals(preferencesBefore,
                given().auth().oauth2(teacher.token()).get("/api/v1/users/me/preferences").asString());
    }

    @Override
    protected List<Endpoint> writingEndpoints() {
        if (teacher == null) {
            teacher = Accounts.teacher("bad-input");
        }
        String login = "{\"email\":\"" + teacher.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}";
        return List.of(
                Endpoint.json("POST", "/api/v1/auth/register", null,
                        "{\"email\":\"new.teacher@springfield.edu\",\"password\":\"maple kayak lantern orbit\""
                                + ",\"name\":\"New\"}"),
                Endpoint.json("POST", "/api/v1/auth/login", null, login),
                Endpoint.json("POST", "/api/v1/auth/refresh", null,
                        "{\"refreshToken\":\"kq2Yv7cXyq0m3V4x0nL1m2b3c4d5e6f7g8h9i0j1k2l\"}"),
                Endpoint.json("POST", "/api/v1/auth/service-token", null,
                        "{\"clientId\":\"test-consumer\",\"clientSecret\":\"x\"}"),
                Endpoint.json("POST", "/api/v1/auth/logout", teacher::token,
                        "{\"refreshToken\":\"kq2Yv7cXyq0m3V4x0nL1m2b3c4d5e6f7g8h9i0j1k2l\"}"),
                Endpoint.mergePatch("/api/v1/users/me", teacher::token, "{\"school\":\"Lincoln Elementary\"}"),
                Endpoint.json("PUT", "/api/v1/users/me/password", teacher::token,
                        "{\"currentPassword\":\"" + Accounts.PASSWORD
                                + "\",\"newPassword\":\"cedar falcon harbor meadow\"}"),
                Endpoint.json("PUT", "/api/v1/users/me/preferences", teacher::token, GOOD_PREFS),
                Endpoint.mergePatch("/api/v1/users/" + teacher.id(), teacher::adminToken, "{\"name\":\"Renamed\"}"));
    }

    @Override
    protected String state() throws Exception {
        return userCount() + " " + given().auth().oauth2(teacher.token()).get("/api/v1/users/me").asString()
                + given().auth().oauth2(teacher.token()).get("/api/v1/users/me/preferences").asString();
    }

    private static long userCount() throws Exception {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, "select count(*) from users.users");
        }
    }

    @Test
    void wrongTypesInRegistration() throws Exception {
        long before = userCount();
        problem(given().contentType("application/json")
                .body("{\"email\":\"types@springfield.edu\",\"password\":\"maple kayak lantern orbit\",\"name\":5}")
                .post("/api/v1/auth/register").then(), 400).body("violations.field", hasItem("name"));
        problem(given().contentType("application/json")
                .body("{\"email\":\"types@springfield.edu\",\"password\":\"maple kayak lantern orbit\""
                        + ",\"name\":\"X\",\"gradeLevels\":\"K\"}")
                .post("/api/v1/auth/register").then(), 400).body("violations.field", hasItem("gradeLevels"));
        assertEquals(before, userCount());
    }

    @Test
    void invalidRegistrationFieldsAreAllNamed() throws Exception {
        long before = userCount();
        problem(given().contentType("application/json")
                .body(Map.of("email", "not-an-email", "password", "maple kayak lantern orbit", "name", "x".repeat(201),
                        "gradeLevels", java.util.List.of("K", "13")))
                .post("/api/v1/auth/register").then(), 400)
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("gradeLevels[1]"));
        assertEquals(before, userCount());
    }

    @Test
    void sqlAndScriptFragmentsAreStoredAsPlainData() {
        String name = "Robert'); DROP TABLE users.users;-- <script>alert(1)</script>";
        String email = Accounts.email("bobby");
        given().contentType("application/json")
                .body(Map.of("email", email, "password", "maple kayak lantern orbit", "name", name))
                .post("/api/v1/auth/register").then().statusCode(201).body("name", equalTo(name));
        given().contentType("application/json").body(Map.of("email", "' or 1=1 --", "password", "x"))
                .post("/api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void missingLoginFields() {
        problem(given().contentType("application/json").body("{}").post("/api/v1/auth/login").then(), 400)
                .body("violations.field", hasItem("email")).body("violations.field", hasItem("password"));
        problem(given().contentType("application/json").body("{\"email\":\"a@b.c\",\"password\":12345}")
                .post("/api/v1/auth/login").then(), 400);
    }

    @Test
    void badProfilePatches() {
        String token = teacher.token();
        problem(given().auth().oauth2(token).contentType("application/json").body("{\"name\": null}")
                .patch("/api/v1/users/me").then(), 400).body("violations.field", hasItem("name"));
        problem(given().auth().oauth2(token).contentType("application/json").body("{\"name\": \"   \"}")
                .patch("/api/v1/users/me").then(), 400);
        problem(given().auth().oauth2(token).contentType("application/json").body(Map.of("school", "s".repeat(201)))
                .patch("/api/v1/users/me").then(), 400).body("violations.field", hasItem("school"));
        problem(given().auth().oauth2(token).contentType("application/json")
                .body("{\"gradeLevels\": [\"K\", \"twelve\"]}")
                .patch("/api/v1/users/me").then(), 400);
        problem(given().auth().oauth2(token).contentType("application/json").body("{\"subjects\": \"PE\"}")
                .patch("/api/v1/users/me").then(), 400);
        problem(given().auth().oauth2(token).contentType("application/json").body("{\"email\": \"new@x.y\"}")
                .patch("/api/v1/users/me").then(), 400);
        problem(given().auth().oauth2(token).contentType("application/json").body("{\"name\": ")
                .patch("/api/v1/users/me").then(), 400);
        assertUnchanged();
    }

    @Test
    void unknownThemeIsRefused() {
        problem(given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(GOOD_PREFS.replace("dark", "blue")).put("/api/v1/users/me/preferences").then(), 400)
                .body("violations.field", hasItem("theme"));
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Mars/Olympus_Mons", "utc+25", "", "../../etc/passwd" })
    void invalidTimezonesAreRefused(String zone) {
        problem(given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(GOOD_PREFS.replace("\"UTC\"", "\"" + zone + "\""))
                .put("/api/v1/users/me/preferences").then(), 400)
                .body("violations.field", hasItem("timezone"));
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "english!", "e", "en_US", "zz-ZZ", "" })
    void invalidLanguagesAreRefused(String language) {
        problem(given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(GOOD_PREFS.replace("en-US", language)).put("/api/v1/users/me/preferences").then(), 400)
                .body("violations.field", hasItem("language"));
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"sms\":{}}", "{\"email\":{\"lessonReminders\":\"yes\"}}", "{\"digest\":\"hourly\"}",
            "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\"}}",
            "{\"quietHours\":{\"start\":\"21:00\"}}", "[]", "\"on\"" })
    void notificationsMustMatchTheSchema(String notifications) {
        problem(given().auth().oauth2(teacher.token()).contentType("application/json")
                .body(GOOD_PREFS.replace("\"notifications\":{}", "\"notifications\":" + notifications))
                .put("/api/v1/users/me/preferences").then(), 400)
                .body("violations[0].field", containsString("notifications"));
        assertUnchanged();
    }

    @Test
    void missingPreferenceFields() {
        problem(given().auth().oauth2(teacher.token()).contentType("application/json").body("{\"theme\":\"dark\"}")
                .put("/api/v1/users/me/preferences").then(), 400)
                .body("violations.field", hasItem("timezone")).body("violations.field", hasItem("notifications"));
        assertUnchanged();
    }

    /** JSON escapes PostgreSQL cannot store as sent: NUL, and surrogates without their other half. */
    static final String[] UNSTORABLE = { "\\u0000", "a\\u0000b", "\\ud800", "x\\udc00y", "\\ud83d\\ud83d" };

    @ParameterizedTest
    @org.junit.jupiter.params.provider.FieldSource("UNSTORABLE")
    void textThatCannotBeStoredIsA400NamingTheField(String escape) throws Exception {
        long before = userCount();
        String token = teacher.token();
        problem(given().contentType("application/json")
                .body("{\"email\":\"nul" + escape + "@springfield.edu\",\"password\":\"maple kayak lantern orbit\""
                        + ",\"name\":\"N\"}")
                .post("/api/v1/auth/register").then(), 400).body("violations.field", hasItem("email"));
        problem(given().contentType("application/json")
                .body("{\"email\":\"nul@springfield.edu\",\"password\":\"maple kayak lantern orbit\""
                        + ",\"name\":\"N" + escape + "\"}")
                .post("/api/v1/auth/register").then(), 400).body("violations.field", hasItem("name"));
        problem(given().contentType("application/json")
                .body("{\"email\":\"" + teacher.email() + escape + "\",\"password\":\"whatever it is\"}")
                .post("/api/v1/auth/login").then(), 400).body("violations.field", hasItem("email"));
        problem(given().auth().oauth2(token).contentType("application/json")
                .body("{\"school\":\"Lincoln" + escape + "\"}")
                .patch("/api/v1/users/me").then(), 400).body("violations.field", hasItem("school"));
        problem(given().auth().oauth2(token).contentType("application/json")
                .body("{\"subjects\":[\"PE\",\"" + escape + "\"]}")
                .patch("/api/v1/users/me").then(), 400).body("violations.field", hasItem("subjects[1]"));
        problem(given().auth().oauth2(token).contentType("application/json")
                .body(GOOD_PREFS.replace("\"notifications\":{}", "\"notifications\":{\"digest\":\"" + escape + "\"}"))
                .put("/api/v1/users/me/preferences").then(), 400)
                .body("violations.field", hasItem("notifications")).body("detail", containsString("/digest"));
        // In a key, Jackson's byte parser already refuses an unpaired surrogate as malformed JSON.
        problem(given().auth().oauth2(token).contentType("application/json")
                .body(GOOD_PREFS.replace("\"notifications\":{}", "\"notifications\":{\"k" + escape + "\":true}"))
                .put("/api/v1/users/me/preferences").then(), 400);
        problem(given().auth().oauth2(token).contentType("application/json")
                .body("{\"currentPassword\":\"" + escape + "\",\"newPassword\":\"cedar falcon harbor meadow\"}")
                .put("/api/v1/users/me/password").then(), 400).body("violations.field", hasItem("currentPassword"));
        assertEquals(before, userCount());
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = { "%00", "a%00b" })
    void queryParametersThatCannotBeStoredAreA400(String value) {
        Accounts.Account admin = Accounts.admin("nul-query");
        problem(given().auth().oauth2(admin.adminToken()).urlEncodingEnabled(false)
                .get("/api/v1/users?q=" + value).then(), 400)
                .body("violations.field", hasItem("q"));
    }
}
