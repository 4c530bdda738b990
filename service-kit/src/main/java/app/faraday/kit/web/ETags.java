package app.faraday.kit.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;

/**
 * ETag and If-Match for versioned resources (lessons, memories): the ETag is the row's version,
 * quoted, and a write names the version it was based on, so a concurrent change is never overwritten.
 */
public final class ETags {

    private static final Pattern STRONG_VERSION = Pattern.compile("\"?([1-9][0-9]{0,8})\"?");

    private ETags() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names; 428 without one, 400 for one that names no version. */
    public static int ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "send If-Match with the ETag you read, so no one else's change is overwritten");
        }
        Matcher m = STRONG_VERSION.matcher(header.strip());
        if (!m.matches()) {
            throw new ProblemException(400, "validation", "Invalid request",
                    "If-Match must be the ETag you read, such as \"3\"",
                    List.of(new Problem.Violation("If-Match", "must be an ETag such as \"3\"")), null);
        }
        return Integer.parseInt(m.group(1));
    }

    public static ProblemException stale(int current) {
        return new ProblemException(412, "precondition-failed", "Precondition failed",
                "it has changed since you read it (it is at version " + current
                        + "); read it again and redo your change");
    }

    /** A concurrent change won between our read and our write. */
    public static ProblemException stale() {
        return new ProblemException(412, "precondition-failed", "Precondition failed",
                "it was changed by someone else just now; read it again and redo your change");
    }

    /** The optimistic lock failed at write time: a concurrent change won. */
    public static boolean isStaleWrite(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
