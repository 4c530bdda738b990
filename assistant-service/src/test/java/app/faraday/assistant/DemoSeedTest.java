package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The local stack's demo profiles pass every validation a request passes, and seeding twice changes nothing. */
@QuarkusTest
class DemoSeedTest {

    @Inject
    DemoSeeder seeder;

    @Test
    void seedsTheTwoProfilesAndFourCapabilitiesOnce() throws Throwable {
        int first = VertxContextSupport.subscribeAndAwait(seeder::seed);
        int second = VertxContextSupport.subscribeAndAwait(seeder::seed);
        assertTrue(first <= 2);
        assertEquals(0, second, "idempotent");

        TestUser teacher = TestUser.teacher();
        int coach = idOf("PE Coach");
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + coach).then().statusCode(200)
                .body("configuration.maxContextLength", equalTo(4096))
                .body("configuration.temperature", equalTo(0.7f))
                .body("configuration.style", equalTo("encouraging"));
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + coach + "/capabilities").then()
                .statusCode(200).body("items.name", contains("exercise_planning", "movement_analysis"))
                .body("items[1].parameters.accuracyThreshold", equalTo(0.8f));
        int advisor = idOf("Health Advisor");
        given().auth().oauth2(teacher.token()).get("/api/v1/assistant-profiles/" + advisor + "/capabilities").then()
                .statusCode(200).body("items.name", contains("health_assessment", "safety_guidance"))
                .body("items[1].parameters.riskLevels", contains("low", "medium", "high"));
    }

    private static int idOf(String name) throws Exception {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Integer.parseInt(Sql.strings(c, "select id from assistant.assistant_profiles"
                    + " where name = ?", name).get(0));
        }
    }
}
