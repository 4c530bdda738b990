package app.faraday.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With embeddings off, recall is the keyword ranking of GET ?sort=relevance, and says so. */
@QuarkusTest
@TestProfile(RecallWithoutEmbeddingsTest.Off.class)
class RecallWithoutEmbeddingsTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("faraday.memory.embedding.provider", "off");
        }
    }

    @Test
    void recallRanksByKeywordsAndSaysWhy() {
        TestUser owner = TestUser.teacher();
        int profile = Fixtures.profile();
        int matching = (int) Fixtures.memory(owner, "Prefers dynamic warm-ups such as high knees", null);
        Fixtures.memory(owner, "Keeps the basketballs behind the stage", null);

        given().auth().oauth2(owner.token()).contentType("application/json")
                .body("{\"assistantProfileId\": " + profile + ", \"query\": \"warm-ups before class\"}")
                .post("/api/v1/memories/recall").then().statusCode(200)
                .body("ranking", equalTo("keyword")).body("model", nullValue())
                .body("note", equalTo("embeddings are off (faraday.memory.embedding.provider=off); ranked by keywords"))
                .body("items.memory.id", contains(matching))
                .body("items[0].signals.semantic", nullValue());
        // Nothing is queued for a model that will not come: the queue keeps what to embed once one does.
    }
}
