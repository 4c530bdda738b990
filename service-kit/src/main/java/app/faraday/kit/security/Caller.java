package app.faraday.kit.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, as established by a verified JWT: resources hand it to services, and
 * {@link app.faraday.kit.db.Transactions} writes it into every transaction for row-level security.
 *
 * @param userId    the token's {@code sub}; {@code null} for anonymous callers
 * @param roles     the token's {@code groups}
 * @param requestId the request id of the HTTP exchange (echoed or generated)
 */
public record Caller(UUID userId, Set<String> roles, String requestId) {

    public static final String TEACHER = "teacher";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public static Caller anonymous(String requestId) {
        return new Caller(null, Set.of(), requestId);
    }

    /** A caller acting as one user with the given roles, e.g. right after a password check. */
    public static Caller of(UUID userId, Set<String> roles, String requestId) {
        return new Caller(userId, roles, requestId);
    }

    /** The local-stack seeder and other trusted jobs that act for the platform itself. */
    public static Caller system(String requestId) {
        return new Caller(null, Set.of(ADMIN), requestId);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isAuthenticated() {
        return userId != null;
    }

    /** The value written into {@code app.roles}: comma separated, sorted for stable audit rows. */
    public String rolesSetting() {
        return String.join(",", roles.stream().sorted().toList());
    }
}
