package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProfileAndPreferencesTest {

    @Test
    void patchIsAMergePatch() {
        Accounts.Account a = Accounts.teacher("patch");
        String token = a.token();
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("school", "Jefferson Elementary", "department", "Physical Education",
                        "subjects", List.of("Adaptive PE", " Adaptive PE "), "gradeLevels", List.of("5", "K", "5")))
                .patch("/api/v1/users/me").then().statusCode(200)
                .body("school", equalTo("Jefferson Elementary"))
                .body("subjects", equalTo(List.of("Adaptive PE")))
                .body("gradeLevels", equalTo(List.of("K", "5")))
                .body("name", equalTo(a.name()));
        given().auth().oauth2(token).contentType("application/merge-patch+json")
                .body("{\"department\": null, \"name\": \"Renamed Teacher\"}")
                .patch("/api/v1/users/me").then().statusCode(200)
                .body("department", nullValue())
                .body("school", equalTo("Jefferson Elementary"))
                .body("name", equalTo("Renamed Teacher"));
        given().auth().oauth2(token).get("/api/v1/users/me").then().statusCode(200)
                .body("name", equalTo("Renamed Teacher")).body("department", nullValue());
    }

    @Test
    void aTeacherCannotPatchTheirRolesOrActiveFlag() {
        Accounts.Account a = Accounts.teacher("patch-roles");
        given().auth().oauth2(a.token()).contentType("application/json").body("{\"roles\": [\"admin\"]}")
                .patch("/api/v1/users/me").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(a.token()).contentType("application/json").body("{\"active\": false}")
                .patch("/api/v1/users/me").then().statusCode(400);
        given().auth().oauth2(a.token()).get("/api/v1/users/me").then()
                .body("roles", equalTo(List.of("teacher"))).body("active", equalTo(true));
    }

    @Test
    void preferencesAreReplacedAndReadBack() {
        Accounts.Account a = Accounts.teacher("prefs");
        Map<String, Object> notifications = Map.of("email", Map.of("lessonReminders", true, "securityAlerts", true),
                "digest", "weekly", "quietHours", Map.of("start", "21:00", "end", "07:00"));
        given().auth().oauth2(a.token()).contentType("application/json")
                .body(Map.of("theme", "dark", "language", "es-mx", "timezone", "America/Chicago",
                        "notifications", notifications))
                .put("/api/v1/users/me/preferences").then().statusCode(200)
                .body("theme", equalTo("dark"))
                .body("language", equalTo("es-MX"))
                .body("notifications.quietHours.start", equalTo("21:00"));
        given().auth().oauth2(a.token()).get("/api/v1/users/me/preferences").then().statusCode(200)
                .body("theme", equalTo("dark")).body("timezone", equalTo("America/Chicago"))
                .body("notifications.email.lessonReminders", equalTo(true))
                .body("notifications.digest", equalTo("weekly"));
    }
}
