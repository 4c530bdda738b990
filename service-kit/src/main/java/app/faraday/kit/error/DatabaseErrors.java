package app.faraday.kit.error;

import io.vertx.pgclient.PgException;

/**
 * Maps PostgreSQL errors that mean "your input broke a rule" to problems, so that constraints in the
 * database answer as clearly as checks in Java. Anything else stays a 500.
 */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    public static ProblemException toProblem(PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        String constraint = e.getConstraint();
        return switch (state) {
            case "23505" -> ProblemException.conflict("a record with this value already exists"
                    + (constraint == null ? "" : " (" + constraint + ")"));
            case "23503" -> ProblemException.conflict("the record is referenced by, or refers to, a missing record"
                    + (constraint == null ? "" : " (" + constraint + ")"));
            case "23514", "23502", "22001", "22P02", "22007", "22008", "22003", "22023" ->
                ProblemException.badRequest("the value breaks a data rule"
                        + (constraint == null ? "" : " (" + constraint + ")"));
            case "42501" -> ProblemException.notFound("no such resource");
            case "40001", "40P01" -> new ProblemException(409, "conflict", "Conflict",
                    "a concurrent change got in the way; retry the request");
            default -> new ProblemException(500, "internal", "Internal server error",
                    "something went wrong on our side; quote the request id when reporting it");
        };
    }
}
