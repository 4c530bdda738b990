package app.faraday.memory;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestUser;
import io.restassured.response.Response;

/** Assistant profiles (in the real assistant-service) and memories, made through the real APIs. */
final class Fixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final TestUser ADMIN = TestUser.admin();
    private static Integer sharedProfile;

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static String assistantUrl() {
        return ConfigProvider.getConfig().getValue(AssistantServiceProcess.URL_PROPERTY, String.class);
    }

    static int profile(boolean active) {
        return given().baseUri(assistantUrl()).auth().oauth2(ADMIN.token()).contentType("application/json")
                .body("{\"name\": \"" + unique("Coach") + "\", \"modelVersion\": \"m1\", \"configuration\": {},"
                        + " \"active\": " + active + "}")
                .post("/api/v1/assistant-profiles").then().statusCode(201).extract().path("id");
    }

    /** One active profile for tests that need any. */
    static synchronized int profile() {
        if (sharedProfile == null) {
            sharedProfile = profile(true);
        }
        return sharedProfile;
    }

    static void deleteProfile(int id) {
        given().baseUri(assistantUrl()).auth().oauth2(ADMIN.token()).delete("/api/v1/assistant-profiles/" + id)
                .then().statusCode(204);
    }

    static String body(int profile, String content, String extra) {
        String rest = extra == null ? "" : ", " + extra;
        return "{" + (rest.contains("\"assistantProfileId\"") ? "" : "\"assistantProfileId\": " + profile + ", ")
                + "\"content\": \"" + content + "\""
                + (rest.contains("\"importance\"") ? "" : ", \"importance\": 0.5")
                + (rest.contains("\"category\"") ? "" : ", \"category\": \"preferences\"") + rest + "}";
    }

    static Response create(TestUser owner, int profile, String content, String extra) {
        return given().auth().oauth2(owner.token()).contentType("application/json")
                .body(body(profile, content, extra)).post("/api/v1/memories");
    }

    static long memory(TestUser owner, String content, String extra) {
        return create(owner, profile(), content, extra).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long memory(TestUser owner) {
        return memory(owner, unique("Likes relay races"), null);
    }

    /** Below the service, as the server's administrator. */
    static long count(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.strings(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #update}, with the triggers that stamp rows off: to move a row's times into the past. */
    static int backdate(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            Sql.update(c, "set session_replication_role = replica");
            return Sql.update(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(String sql, Object... params) {
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            return Sql.update(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
