package app.faraday.user;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import app.faraday.kit.testing.TestDatabase;
import app.faraday.kit.testing.TestTokens;

/** Accounts for tests, made through the real API; promotions to admin made below it. */
public final class Accounts {

    public static final String PASSWORD = "maple kayak lantern orbit";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Accounts() {
    }

    public record Account(UUID id, String email, String name) {

        public String token() {
            return TestTokens.token(id, "teacher");
        }

        public String adminToken() {
            return TestTokens.token(id, "admin", "teacher");
        }
    }

    /** A unique email for this test run. */
    public static String email(String prefix) {
        return prefix + "." + COUNTER.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 8)
                + "@springfield.edu";
    }

    public static Account teacher(String prefix) {
        String email = email(prefix);
        String name = "Test " + Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1);
        String id = given().contentType("application/json")
                .body("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"" + name + "\"}")
                .post("/api/v1/auth/register").then().statusCode(201).extract().path("id");
        return new Account(UUID.fromString(id), email, name);
    }

    /** A teacher made admin the way a DBA would: below the service, with an admin context for the guard trigger. */
    public static Account admin(String prefix) {
        Account account = teacher(prefix);
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("select set_config('app.roles', 'admin', true)");
            }
            try (PreparedStatement ps = c.prepareStatement("update users.users set roles = array['admin','teacher']"
                    + " where id = ?")) {
                ps.setObject(1, account.id());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return account;
    }
}
