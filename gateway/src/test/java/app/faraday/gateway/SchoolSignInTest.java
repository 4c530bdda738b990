package app.faraday.gateway;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The shipped sign-in policy (no test override): a school's whole staff signs in within a minute
 * from the one address its network shows, as on a Monday morning.
 */
@QuarkusTest
class SchoolSignInTest {

    @Test
    void sixtyTeachersSignInWithinAMinuteFromOneAddress() {
        for (int i = 0; i < 60; i++) {
            given().contentType("application/json")
                    .body("{\"email\":\"teacher" + i + "@springfield.edu\",\"password\":\"maple kayak lantern orbit\"}")
                    .post("/api/v1/auth/login").then().statusCode(200)
                    .header("RateLimit-Policy", org.hamcrest.Matchers.startsWith("\"auth\";"));
        }
    }
}
