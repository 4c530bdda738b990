package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Each rule of the password policy refuses what it should, and only that. */
@QuarkusTest
class PasswordPolicyTest {

    private static ValidatableResponse register(String email, String name, String password) {
        return given().contentType("application/json").body(Map.of("email", email, "password", password, "name", name))
                .post("/api/v1/auth/register").then();
    }

    private static void refused(String password, String because) {
        register(Accounts.email("policy"), "Pat Policy", password).statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("password"))
                .body("violations.message", hasItem(containsString(because)));
    }

    @Test
    void fourteenCharactersAreTooShort() {
        refused("kayak lantern!", "at least 15 characters");
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        String fifteen = "ñandú kayak ñu!";
        assertEquals(15, fifteen.codePointCount(0, fifteen.length()));
        assertTrue(fifteen.getBytes(StandardCharsets.UTF_8).length > 15);
        register(Accounts.email("unicode"), "Uma Unicode", "ñandú kayak ñu! orbit").statusCode(201);
    }

    @Test
    void moreThan72BytesIsRefusedNotTruncated() {
        String password = "é".repeat(37);
        assertTrue(password.getBytes(StandardCharsets.UTF_8).length > 72);
        refused(password, "at most 72 bytes");
    }

    @Test
    void exactly72BytesIsAccepted() {
        String password = "maple kayak lantern orbit cedar falcon harbor meadow pebble quartz river";
        assertEquals(72, password.getBytes(StandardCharsets.UTF_8).length);
        register(Accounts.email("seventytwo"), "Sev Enty", password).statusCode(201);
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirLength() {
        refused("passwordpassword", "too easy to guess");
        refused("1234567890123456", "too easy to guess");
        refused("qwertyuiopasdfgh", "too easy to guess");
    }

    @Test
    void theEmailOrNameIsNotAPassword() {
        String email = Accounts.email("zephyrine");
        register(email, "Quentin Marlowe", "zephyrine kayak lantern orbit").statusCode(400)
                .body("violations.message", hasItem(containsString("email address or name")));
        register(Accounts.email("quentin"), "Quentin Marlowe", "my name is marlowe, kayak orbit").statusCode(400)
                .body("violations.message", hasItem(containsString("email address or name")));
    }

    @Test
    void noCompositionRules() {
        register(Accounts.email("lowercase"), "Lola Lower", "correct horse battery staple").statusCode(201)
                .body("email", containsString("lowercase"));
    }

    @Test
    void theRefusalNamesEveryBrokenRule() {
        register(Accounts.email("multi"), "Mo Multi", "short").statusCode(400).body("status", equalTo(400))
                .body("violations[0].field", equalTo("password"));
    }
}
