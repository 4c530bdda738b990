package app.faraday.kit.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, as established by a verified JWT: resources hand it to services, and
 * {@link app.faraday.kit.db.Transactions} writes it into every transaction for row-level security.
 *
 * @param userId    the token's {@code sub}; {@code null} for anonymous callers
 * @param roles     the token's {@code groups}
 * @param requestId       the id this service made for the request: logs and audit rows record it
 * @param clientRequestId the id the client sent in {@code X-Request-Id}, kept beside ours; may be null
 */
public record Caller(UUID userId, Set<String> roles, String requestId, String clientRequestId) {

    public static final String TEACHER = "teacher";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** A caller of a job or seed, which no client request started. */
    public Caller(UUID userId, Set<String> roles, String requestId) {
        this(userId, roles, requestId, null);
    }

    /** The same request, now acting as one user with these roles, e.g. right after a password check. */
    public Caller actingAs(UUID user, Set<String> userRoles) {
        return new Caller(user, userRoles, requestId, clientRequestId);
    }

    public static Caller anonymous(String requestId) {
        return new Caller(null, Set.of(), requestId);
    }

    /** A caller acting as one user with the given roles, e.g. right after a password check. */
    public static Caller of(UUID userId, Set<String> roles, String requestId) {
        return new Caller(userId, roles, requestId);
    }

    /** The service's own jobs (feed consumers, purges, flushes): no user, the service role only. */
    public static Caller service(String requestId) {
        return new Caller(null, Set.of(SERVICE), requestId);
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
