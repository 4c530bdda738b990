package app.faraday.kit.error;

import java.util.List;

/**
 * A failure the caller should hear about as a problem detail. Services throw these; the mappers in
 * this package turn them (and every other exception) into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;
    private final Long retryAfterSeconds;
    private final String challenge;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), null);
    }

    public ProblemException(int status, String slug, String title, String detail,
            List<Problem.Violation> violations, Long retryAfterSeconds) {
        this(status, slug, title, detail, violations, retryAfterSeconds, null);
    }

    private ProblemException(int status, String slug, String title, String detail,
            List<Problem.Violation> violations, Long retryAfterSeconds, String challenge) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
        this.challenge = challenge;
    }

    /**
     * The token is valid but its sign-in is older than {@code maxAgeSeconds}: the client signs in again
     * and retries (RFC 9470 step-up authentication).
     */
    public static ProblemException signInAgain(long maxAgeSeconds) {
        return new ProblemException(401, "insufficient-user-authentication", "Recent sign-in required",
                "this needs a sign-in within the last " + maxAgeSeconds + " seconds; sign in again and retry",
                List.of(), null, "Bearer realm=\"faraday\", error=\"insufficient_user_authentication\","
                        + " error_description=\"a more recent sign-in is required\", max_age=" + maxAgeSeconds);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "validation", "Invalid request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.Violation(field, message)), null);
    }

    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(400, "validation", "Invalid request", detail, violations, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The {@code WWW-Authenticate} value of a 401, when it is not the plain bearer challenge. */
    public String challenge() {
        return challenge;
    }
}
