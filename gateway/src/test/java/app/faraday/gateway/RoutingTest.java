package app.faraday.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.faraday.kit.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RoutingTest {

    private final String token = TestTokens.token(UUID.randomUUID(), "teacher");

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/users/me", "/api/v1/users", "/api/v1/assistant-profiles/1/usage",
            "/api/v1/subject-categories/tree", "/api/v1/lessons", "/api/v1/lessons/7/versions/2" })
    void everyRouteReachesItsUpstreamWithPathAndQueryIntact(String path) {
        given().auth().oauth2(token).queryParam("page", 2).get(path).then().statusCode(200)
                .body("path", equalTo(path)).body("query", equalTo("page=2"))
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void publicPathsNeedNoToken() {
        String login = "{\"email\":\"a@b.c\",\"password\":\"x\"}";
        given().contentType("application/json").body(login).post("/api/v1/auth/login")
                .then().statusCode(200).body("method", equalTo("POST")).body("bodyBytes", equalTo(login.length()));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("path", equalTo("/.well-known/jwks.json"));
    }

    @Test
    void internalPathsAndUnknownPathsAreNeverRouted() {
        given().auth().oauth2(TestTokens.service("content-service")).get("/internal/events").then().statusCode(404)
                .contentType("application/problem+json").body("requestId", matchesPattern("[0-9a-f-]{36}"));
        given().auth().oauth2(token).get("/api/v2/lessons").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get("/api/v1/lessonsX").then().statusCode(404);
    }

    @Test
    void requestIdsAndForwardingHeadersAreTheGatewaysToSet() {
        given().auth().oauth2(token).header("X-Request-Id", "client-id-42").header("X-Forwarded-For", "6.6.6.6")
                .header("Forwarded", "for=6.6.6.6").get("/api/v1/lessons")
                .then().statusCode(200).header("X-Request-Id", "client-id-42")
                .body("headers.x-request-id", equalTo("client-id-42"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"))
                .body("headers.forwarded", nullValue())
                .body("headers.x-forwarded-proto", equalTo("http"))
                .header("Server", nullValue()).header("X-Powered-By", nullValue())
                .header("X-Content-Type-Options", "nosniff");
        var headers = given().auth().oauth2(token).header("X-Request-Id", "once-only").get("/api/v1/lessons").headers();
        assertEquals(1, headers.getValues("X-Request-Id").size(), headers.toString());
        assertEquals(1, headers.getValues("X-Content-Type-Options").size(), headers.toString());
        given().auth().oauth2(token).header("X-Request-Id", "bad id <x>").get("/api/v1/lessons")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void largeBodiesStreamThroughBothWays() throws Exception {
        try (InputStream in = given().auth().oauth2(token).get("/api/v1/lessons/big").then().statusCode(200)
                .extract().asInputStream()) {
            long total = 0;
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                total += n;
            }
            assertEquals(Upstreams.BIG_BYTES, total);
        }
        byte[] upload = new byte[900 * 1024];
        given().auth().oauth2(token).contentType("application/octet-stream").body(upload).post("/api/v1/lessons")
                .then().statusCode(200).body("bodyBytes", equalTo(upload.length));
        given().auth().oauth2(token).contentType("application/octet-stream").body(new byte[1024 * 1024 + 1])
                .post("/api/v1/lessons").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anUpstreamThatIsDownOrSilentIsAQuickProblem() {
        given().auth().oauth2(token).get("/api/v1/memories").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("cannot be reached"))
                .time(lessThan(3L), TimeUnit.SECONDS);
        given().auth().oauth2(token).get("/api/v1/lessons/slow").then().statusCode(504)
                .contentType("application/problem+json").body("title", equalTo("Gateway timeout"))
                .time(lessThan(4L), TimeUnit.SECONDS);
    }

    @Test
    void theGatewaysOwnPagesStayItsOwn() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(not(containsString("upstream/1.0")));
    }
}
