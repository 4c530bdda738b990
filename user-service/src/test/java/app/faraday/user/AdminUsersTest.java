package app.faraday.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/** Administrators manage accounts; teachers may not; there is always an active admin. */
@QuarkusTest
class AdminUsersTest {

    @Test
    void teachersCannotUseAdminEndpoints() {
        Accounts.Account t = Accounts.teacher("not-admin");
        given().auth().oauth2(t.token()).get("/api/v1/users").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(t.token()).get("/api/v1/users/" + t.id()).then().statusCode(403);
        given().auth().oauth2(t.token()).contentType("application/json").body(Map.of("active", false))
                .patch("/api/v1/users/" + t.id()).then().statusCode(403);
        given().get("/api/v1/users").then().statusCode(401);
    }

    @Test
    void listPagesAndFilters() {
        Accounts.Account admin = Accounts.admin("lister");
        String marker = "zq" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            Accounts.teacher(marker);
        }
        given().auth().oauth2(admin.adminToken()).queryParam("q", marker.toUpperCase()).queryParam("size", 2)
                .get("/api/v1/users").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.email", everyItem(containsString(marker)));
        given().auth().oauth2(admin.adminToken()).queryParam("q", marker).queryParam("page", 1).queryParam("size", 2)
                .get("/api/v1/users").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(admin.adminToken()).queryParam("q", "%").get("/api/v1/users").then().statusCode(200)
                .body("total", equalTo(0));
        given().auth().oauth2(admin.adminToken()).queryParam("active", true).get("/api/v1/users").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(4)).body("items.active", everyItem(equalTo(true)));
        given().auth().oauth2(admin.adminToken()).queryParam("size", 101).get("/api/v1/users").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(admin.adminToken()).queryParam("page", -1).get("/api/v1/users").then().statusCode(400);
        given().auth().oauth2(admin.adminToken()).queryParam("active", "maybe").get("/api/v1/users").then()
                .statusCode(400);
    }

    @Test
    void readAndChangeAnyUser() {
        Accounts.Account admin = Accounts.admin("changer");
        Accounts.Account t = Accounts.teacher("changed");
        given().auth().oauth2(admin.adminToken()).get("/api/v1/users/" + t.id()).then().statusCode(200)
                .body("email", equalTo(t.email()));
        given().auth().oauth2(admin.adminToken()).get("/api/v1/users/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(admin.adminToken()).get("/api/v1/users/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin.adminToken()).contentType("application/json")
                .body(Map.of("roles", List.of("admin", "teacher", "admin"), "school", "Springfield High School"))
                .patch("/api/v1/users/" + t.id()).then().statusCode(200)
                .body("roles", equalTo(List.of("admin", "teacher"))).body("school", equalTo("Springfield High School"));
        given().auth().oauth2(admin.adminToken()).contentType("application/json").body(Map.of("roles", List.of("root")))
                .patch("/api/v1/users/" + t.id()).then().statusCode(400);
        given().auth().oauth2(admin.adminToken()).contentType("application/json").body(Map.of("roles", List.of()))
                .patch("/api/v1/users/" + t.id()).then().statusCode(400);
        given().auth().oauth2(admin.adminToken()).contentType("application/json").body("{\"active\": null}")
                .patch("/api/v1/users/" + t.id()).then().statusCode(400);
    }

    @Test
    void deactivationEndsSessionsAndSignIn() {
        Accounts.Account admin = Accounts.admin("deactivator");
        Accounts.Account t = Accounts.teacher("deactivated");
        String refresh = given().contentType("application/json")
                .body(Map.of("email", t.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("refreshToken");
        given().auth().oauth2(admin.adminToken()).contentType("application/json").body(Map.of("active", false))
                .patch("/api/v1/users/" + t.id()).then().statusCode(200).body("active", equalTo(false));
        given().contentType("application/json").body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh")
                .then().statusCode(401);
        given().contentType("application/json").body(Map.of("email", t.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().auth().oauth2(admin.adminToken()).contentType("application/json").body(Map.of("active", true))
                .patch("/api/v1/users/" + t.id()).then().statusCode(200);
        given().contentType("application/json").body(Map.of("email", t.email(), "password", Accounts.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200);
    }

    @Test
    void theLastActiveAdminStays() throws Exception {
        Accounts.Account a = Accounts.admin("last-a");
        Accounts.Account b = Accounts.admin("last-b");
        // Leave exactly these two admins, so that of the two demotions racing below one must lose.
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            c.setAutoCommit(false);
            Sql.context(c, null, "admin");
            Sql.update(c, "update users.users set roles = array['teacher'] where 'admin' = any (roles)"
                    + " and id not in (?, ?)",
                    a.id(), b.id());
            c.commit();
        }
        List<CompletableFuture<Integer>> demotions = List.of(
                CompletableFuture.supplyAsync(() -> given().auth().oauth2(a.adminToken())
                        .contentType("application/json")
                        .body(Map.of("roles", List.of("teacher"))).patch("/api/v1/users/" + b.id()).statusCode()),
                CompletableFuture.supplyAsync(() -> given().auth().oauth2(b.adminToken())
                        .contentType("application/json")
                        .body(Map.of("roles", List.of("teacher"))).patch("/api/v1/users/" + a.id()).statusCode()));
        assertEquals(List.of(200, 409), demotions.stream().map(CompletableFuture::join).sorted().toList());
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(1, Sql.count(c, "select count(*) from users.users where active and 'admin' = any (roles)"));
            UUID last = UUID.fromString(Sql.strings(c, "select id::text from users.users"
                    + " where active and 'admin' = any (roles)").get(0));
            Accounts.Account survivor = last.equals(a.id()) ? a : b;
            given().auth().oauth2(survivor.adminToken()).contentType("application/json").body(Map.of("active", false))
                    .patch("/api/v1/users/" + survivor.id()).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", containsString("last active administrator"));
        }
    }
}
