package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestTokens;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UsageTest {

    private final TestUser admin = TestUser.admin();
    private final TestUser teacher = TestUser.teacher();

    private static io.restassured.response.ValidatableResponse use(TestUser user, int profile) {
        return given().auth().oauth2(user.token()).post("/api/v1/assistant-profiles/" + profile + "/usage").then();
    }

    @Test
    void eachUseIsCountedUntilTheQuotaRefusesWithRetryAfter() {
        int profile = Profiles.create(admin, "\"dailyQuota\": 3");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        use(teacher, profile).statusCode(200).body("uses", equalTo(1)).body("remaining", equalTo(2))
                .body("dailyQuota", equalTo(3)).body("day", equalTo(today));
        use(teacher, profile).statusCode(200).body("uses", equalTo(2));
        use(teacher, profile).statusCode(200).body("uses", equalTo(3)).body("remaining", equalTo(0));
        String retryAfter = use(teacher, profile).statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("3 times today")).extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 86_400, "seconds to midnight UTC, was " + seconds);
        assertEquals(3, uses(profile, teacher.id()), "the refused use is not counted");

        // Quotas are per user: a colleague still has all of theirs.
        use(TestUser.teacher(), profile).statusCode(200).body("uses", equalTo(1));
    }

    @Test
    void theServiceDefaultQuotaAppliesWhenTheProfileSetsNone() {
        int profile = Profiles.create(admin, null);
        use(teacher, profile).statusCode(200).body("dailyQuota", equalTo(200)).body("remaining", equalTo(199));
    }

    @Test
    void twoHundredConcurrentUsesAreAllCounted() throws Exception {
        int profile = Profiles.create(admin, "\"dailyQuota\": 1000");
        List<Integer> statuses = concurrently(200, teacher, profile);
        assertEquals(200, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(200, uses(profile, teacher.id()));
    }

    @Test
    void concurrentUsesNeverGetPastTheQuota() throws Exception {
        int profile = Profiles.create(admin, "\"dailyQuota\": 20");
        List<Integer> statuses = concurrently(60, teacher, profile);
        assertEquals(20, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(40, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        assertEquals(20, uses(profile, teacher.id()));
    }

    @Test
    void inactiveProfilesCannotBeUsed() {
        int profile = Profiles.create(admin, "\"active\": false");
        use(teacher, profile).statusCode(404);
        use(admin, profile).statusCode(409).body("detail", containsString("inactive"));
        use(teacher, 999_999_999).statusCode(404);
        assertEquals(0, uses(profile, teacher.id()) + uses(profile, admin.id()));
    }

    @Test
    void serviceTokensCannotRecordUses() {
        int profile = Profiles.create(admin, null);
        given().auth().oauth2(TestTokens.service("assistant-runtime"))
                .post("/api/v1/assistant-profiles/" + profile + "/usage")
                .then().statusCode(403);
    }

    @Test
    void teachersReadTheirOwnUsageAndAdminsEveryones() {
        int profile = Profiles.create(admin, "\"dailyQuota\": 10");
        TestUser colleague = TestUser.teacher();
        use(teacher, profile).statusCode(200);
        use(teacher, profile).statusCode(200);
        use(colleague, profile).statusCode(200);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String path = "/api/v1/assistant-profiles/" + profile + "/usage";

        given().auth().oauth2(teacher.token()).get(path).then().statusCode(200)
                .body("userId", equalTo(teacher.id().toString())).body("dailyQuota", equalTo(10))
                .body("days", hasSize(1)).body("days[0].day", equalTo(today))
                .body("days[0].uses", equalTo(2)).body("days[0].users", equalTo(1));
        given().auth().oauth2(teacher.token()).queryParam("userId", colleague.id().toString()).get(path)
                .then().statusCode(403);
        given().auth().oauth2(admin.token()).get(path).then().statusCode(200)
                .body("userId", nullValue()).body("days[0].uses", equalTo(3)).body("days[0].users", equalTo(2));
        given().auth().oauth2(admin.token()).queryParam("userId", colleague.id().toString()).get(path)
                .then().statusCode(200).body("days[0].uses", equalTo(1));
        given().auth().oauth2(admin.token()).queryParam("from", "2020-01-01").queryParam("to", "2020-01-31").get(path)
                .then().statusCode(200).body("days", hasSize(0)).body("from", equalTo("2020-01-01"));
    }

    @Test
    void badReportParametersAre400() {
        int profile = Profiles.create(admin, null);
        String path = "/api/v1/assistant-profiles/" + profile + "/usage";
        given().auth().oauth2(admin.token()).queryParam("from", "yesterday").get(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().auth().oauth2(admin.token()).queryParam("to", "2026-02-30").get(path).then().statusCode(400);
        given().auth().oauth2(admin.token()).queryParam("from", "2026-11-02").queryParam("to", "2026-11-01").get(path)
                .then().statusCode(400);
        given().auth().oauth2(admin.token()).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").get(path)
                .then().statusCode(400).body("detail", containsString("366 days"));
        given().auth().oauth2(admin.token()).queryParam("userId", "not-a-uuid").get(path).then().statusCode(400)
                .body("violations[0].field", equalTo("userId"));
    }

    @Test
    void usesAndRefusalsAreMetered() {
        int profile = Profiles.create(admin, "\"dailyQuota\": 1");
        use(teacher, profile).statusCode(200);
        use(teacher, profile).statusCode(429);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("faraday_assistant_uses_total{profile=\"" + profile + "\"} 1.0"), metrics);
        assertTrue(metrics.contains("faraday_assistant_quota_refusals_total{profile=\"" + profile + "\"} 1.0"));
    }

    private static List<Integer> concurrently(int calls, TestUser user, int profile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> given().auth().oauth2(user.token())
                        .post("/api/v1/assistant-profiles/" + profile + "/usage").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Today's count below the service, as the owner. */
    static long uses(int profile, UUID user) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, "select coalesce(sum(uses), 0) from assistant.assistant_usage"
                    + " where profile_id = ? and user_id = ?",
                    profile, user);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
