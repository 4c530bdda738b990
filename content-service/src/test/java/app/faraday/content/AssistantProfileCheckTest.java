package app.faraday.content;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.events.FeedConsumer;
import app.faraday.kit.events.FeedSubscriptions;
import app.faraday.kit.testing.TestTokens;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Against the real assistant-service: a lesson names only an active profile (422 otherwise), and a
 * profile deleted there is cleared from lessons here through its feed, and not named again.
 */
@QuarkusTest
@QuarkusTestResource(value = AssistantServiceProcess.class, restrictToAnnotatedClass = true)
class AssistantProfileCheckTest {

    @Inject
    DeletionFeeds.Profiles profiles;

    @Inject
    Transactions tx;

    /** Set by AssistantServiceProcess for this class only, so read at run time rather than injected. */
    private static String assistantUrl() {
        return ConfigProvider.getConfig().getValue(AssistantServiceProcess.URL_PROPERTY, String.class);
    }

    private int profile(TestUser admin, boolean active) {
        return given().baseUri(assistantUrl()).auth().oauth2(admin.token()).contentType("application/json")
                .body("{\"name\": \"" + Fixtures.unique("Coach") + "\", \"modelVersion\": \"m1\","
                        + " \"configuration\": {},"
                        + " \"active\": " + active + "}")
                .post("/api/v1/assistant-profiles").then().statusCode(201).extract().path("id");
    }

    @Test
    void onlyActiveProfilesCanBeNamed() {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int category = Fixtures.category(admin);
        int active = profile(admin, true);
        int inactive = profile(admin, false);

        Fixtures.createLesson(owner, category, Fixtures.unique("Coached"), "\"assistantProfileId\": " + active)
                .then().statusCode(201).body("assistantProfileId", equalTo(active));
        Fixtures.createLesson(owner, category, Fixtures.unique("Ghost"), "\"assistantProfileId\": 99999999")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("assistantProfileId"));
        Fixtures.createLesson(owner, category, Fixtures.unique("Dormant"), "\"assistantProfileId\": " + inactive)
                .then().statusCode(422);
        // An admin sees the inactive profile in assistant-service, and still may not name it.
        Fixtures.createLesson(admin, category, Fixtures.unique("Dormant"), "\"assistantProfileId\": " + inactive)
                .then().statusCode(422);
    }

    @Test
    void aProfileDeletedThereIsClearedHereThroughTheFeed() throws Throwable {
        TestUser admin = TestUser.admin();
        TestUser owner = TestUser.teacher();
        int profile = profile(admin, true);
        int lesson = Fixtures.createLesson(owner, Fixtures.category(admin), Fixtures.unique("Coached"),
                "\"assistantProfileId\": " + profile).then().statusCode(201).extract().path("id");
        given().baseUri(assistantUrl()).auth().oauth2(admin.token()).delete("/api/v1/assistant-profiles/" + profile)
                .then().statusCode(204);

        URI base = URI.create(assistantUrl());
        String token = "Bearer " + TestTokens.service("content-service", "feed:assistant-service");
        FeedConsumer consumer = new FeedConsumer(new FeedConsumer.Settings("assistant-" + System.nanoTime(), base,
                "content", Duration.ofMillis(100), Duration.ofSeconds(1), 100),
                FeedSubscriptions.dispatcher(profiles), tx, () -> Uni.createFrom().item(token));
        while (VertxContextSupport.subscribeAndAwait(consumer::pollOnce) > 0) {
            // read the whole feed
        }
        given().auth().oauth2(owner.token()).get("/api/v1/lessons/" + lesson).then().statusCode(200)
                .body("assistantProfileId", nullValue()).body("title", org.hamcrest.Matchers.startsWith("Coached"));
        // The check remembered the profile as active moments ago; the feed's word makes it forget at once.
        Fixtures.createLesson(owner, Fixtures.category(admin), Fixtures.unique("Late"),
                "\"assistantProfileId\": " + profile).then().statusCode(422);
    }
}
