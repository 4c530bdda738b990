package app.faraday.kit.testing;

import java.util.UUID;

/**
 * A caller for services that keep users' ids but not their accounts: a fresh user id and a real
 * signed token for it (user-service's own tests register real accounts instead).
 */
public record TestUser(UUID id, String token) {

    public static TestUser admin() {
        UUID id = UUID.randomUUID();
        return new TestUser(id, TestTokens.token(id, "admin", "teacher"));
    }

    public static TestUser teacher() {
        UUID id = UUID.randomUUID();
        return new TestUser(id, TestTokens.token(id, "teacher"));
    }
}
