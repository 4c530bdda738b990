package app.faraday.kit.db;

import java.util.regex.Pattern;

/**
 * The two roles of one service's schema: the owner that runs its migrations, and the runtime role the
 * service logs in as, which owns nothing, has no BYPASSRLS and only the grants it needs.
 */
public record SchemaRoles(String schema, String ownerRole, String ownerPassword, String appRole, String appPassword) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SchemaRoles {
        for (String name : new String[] { schema, ownerRole, appRole }) {
            if (name == null || !IDENTIFIER.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain lower-case SQL identifier: " + name);
            }
        }
    }

    /** The conventional role names for a schema: {@code faraday_<schema>_owner} and {@code faraday_<schema>_app}. */
    public static SchemaRoles conventional(String schema, String ownerPassword, String appPassword) {
        return new SchemaRoles(schema, "faraday_" + schema + "_owner", ownerPassword, "faraday_" + schema + "_app",
                appPassword);
    }
}
