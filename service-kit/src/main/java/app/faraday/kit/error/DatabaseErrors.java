package app.faraday.kit.error;

import java.sql.SQLException;
import java.util.function.Predicate;

import org.hibernate.exception.ConstraintViolationException;

import app.faraday.kit.json.SafeText;

import io.vertx.pgclient.PgException;

/**
 * Maps PostgreSQL errors that mean "your input broke a rule" to problems, so that constraints in the
 * database answer as clearly as checks in Java. Anything else stays a 500.
 */
public final class DatabaseErrors {

    public static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /**
     * SQL state of a business rule the database enforces and states in words for the client,
     * raised as {@code raise exception '...' using errcode = 'FA409'}.
     */
    public static final String RULE_CONFLICT = "FA409";

    /** Whether a failure is the violation of this named constraint, e.g. a unique index: for onFailure(...). */
    public static Predicate<Throwable> violates(String constraint) {
        return e -> {
            Failure failure = find(e);
            return failure != null && constraint.equals(failure.constraint());
        };
    }

    /** The SQL state, constraint and message of the first database error in a cause chain. */
    public record Failure(String sqlState, String constraint, String message) {
    }

    public static Failure find(Throwable error) {
        String constraint = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException cv && cv.getConstraintName() != null) {
                constraint = cv.getConstraintName();
            }
            if (t instanceof PgException pg) {
                return new Failure(pg.getSqlState(), pg.getConstraint() != null ? pg.getConstraint() : constraint,
                        pg.getErrorMessage());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return new Failure(sql.getSQLState(), constraint, sql.getMessage());
            }
        }
        return null;
    }

    /** The rule's own words, without the driver's decoration ("ERROR: ... (FA409)"). */
    private static String ruleMessage(String message) {
        if (message == null) {
            return "a rule of the data forbids this change";
        }
        return message.replaceFirst("^ERROR: ", "").replaceFirst(" \\(FA409\\)$", "").strip();
    }

    public static boolean is(Throwable error, String sqlState) {
        Failure failure = find(error);
        return failure != null && sqlState.equals(failure.sqlState());
    }

    public static ProblemException toProblem(Failure failure) {
        return switch (failure.sqlState() == null ? "" : failure.sqlState()) {
            case RULE_CONFLICT -> ProblemException.conflict(ruleMessage(failure.message()));
            case UNIQUE_VIOLATION -> ProblemException.conflict("a record with this value already exists");
            case "23503" -> ProblemException.conflict("the record is referenced by, or refers to, a missing record");
            case "23514", "23502", "22001", "22P02", "22007", "22008", "22003", "22023" ->
                ProblemException.badRequest("a value breaks a data rule");
            // NUL in text, \u0000 in jsonb: refused when requests are read (SafeText); this is the safety net.
            case "22021", "22P05" -> ProblemException.badRequest("a text value " + SafeText.MESSAGE);
            case "42501" -> ProblemException.notFound("no such resource");
            case "40001", "40P01" -> new ProblemException(409, "conflict", "Conflict",
                    "a concurrent change got in the way; retry the request");
            default -> new ProblemException(500, "internal", "Internal server error",
                    "something went wrong on our side; quote the request id when reporting it");
        };
    }
}
