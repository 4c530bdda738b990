package app.faraday.assistant;

import static io.restassured.RestAssured.given;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import app.faraday.kit.testing.TestUser;

/** Profiles for tests, made through the real API with real signed tokens. */
final class Profiles {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    static final String CONFIGURATION = """
            {"temperature": 0.7, "topP": 1.0, "maxContextLength": 4096, "frequencyPenalty": 0,
             "presencePenalty": 0, "stopSequences": [], "style": "encouraging"}""";

    private Profiles() {
    }

    static String uniqueName(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static String body(String name, String configuration, String extra) {
        return "{\"name\": \"" + name + "\", \"modelVersion\": \"faraday-coach-2026.1\", \"configuration\": "
                + configuration + (extra == null ? "" : ", " + extra) + "}";
    }

    /** Creates a profile as {@code admin}; answers its id. */
    static int create(TestUser admin, String name, String extra) {
        return given().auth().oauth2(admin.token()).contentType("application/json")
                .body(body(name, CONFIGURATION, extra))
                .post("/api/v1/assistant-profiles").then().statusCode(201).extract().path("id");
    }

    static int create(TestUser admin, String extra) {
        return create(admin, uniqueName("Profile"), extra);
    }

    static int capability(TestUser admin, int profileId, String name) {
        return given().auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"parameters\": {}}")
                .post("/api/v1/assistant-profiles/" + profileId + "/capabilities").then().statusCode(201)
                .extract().path("id");
    }
}
