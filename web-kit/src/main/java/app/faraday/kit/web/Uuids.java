package app.faraday.kit.web;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * UUIDs in their canonical 36-character form only. {@link UUID#fromString} also takes shapes such
 * as {@code a-b-c-d-e} and reads them as another UUID, so a client id of that shape would pass for
 * a user id.
 */
public final class Uuids {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** The UUID, or null when the value is not one in canonical form. */
    public static UUID parseOrNull(String value) {
        return value != null && CANONICAL.matcher(value).matches() ? UUID.fromString(value) : null;
    }
}
