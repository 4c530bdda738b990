package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {

    @Test
    void registerLoginMe() {
        given().contentType("application/json")
                .body("{\"email\":\"smoke.test@springfield.edu\",\"password\":\"maple kayak lantern orbit\",\"name\":\"Smoke Test\",\"gradeLevels\":[\"3\",\"K\"]}")
                .post("/api/v1/auth/register").then().log().ifValidationFails().statusCode(201)
                .body("gradeLevels[0]", equalTo("K"));
        String token = given().contentType("application/json")
                .body("{\"email\":\"SMOKE.test@springfield.edu\",\"password\":\"maple kayak lantern orbit\"}")
                .post("/api/v1/auth/login").then().log().ifValidationFails().statusCode(200)
                .body("accessToken", notNullValue()).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/v1/users/me").then().log().ifValidationFails().statusCode(200)
                .body("email", equalTo("smoke.test@springfield.edu"));
        given().auth().oauth2(token).get("/api/v1/users/me/preferences").then().log().ifValidationFails().statusCode(200)
                .body("theme", equalTo("system"));
    }
}
