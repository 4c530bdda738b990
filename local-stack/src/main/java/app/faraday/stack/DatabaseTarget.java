package app.faraday.stack;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The PostgreSQL server the stack uses and how to administer it: the embedded one, or the server of
 * {@code FARADAY_DB_URL}. Services get only the host, port and database; the administrator account
 * is the launcher's alone, for the bootstrap.
 */
record DatabaseTarget(String host, int port, String database, String adminUrl, String adminUser,
        String adminPassword, boolean embedded) {

    private static final String DEFAULT_ADMIN = "postgres";

    /** The embedded server: its superuser needs no password because it trusts loopback connections. */
    static DatabaseTarget embedded(int port, String database, String adminUrl, String superuser) {
        return new DatabaseTarget("127.0.0.1", port, database, adminUrl, superuser, "", true);
    }

    /**
     * Accepts {@code postgresql://user:password@host:port/db} (credentials percent-encoded, as libpq
     * wants them) and {@code jdbc:postgresql://host:port/db}. Credentials in the URL win over
     * {@code FARADAY_DB_ADMIN_USER} / {@code FARADAY_DB_ADMIN_PASSWORD}.
     */
    static DatabaseTarget fromUrl(String url, String defaultDatabase, Map<String, String> env) {
        String plain = url.strip();
        if (plain.startsWith("jdbc:")) {
            plain = plain.substring("jdbc:".length());
        }
        URI uri;
        try {
            uri = URI.create(plain.replaceFirst("^postgres://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            // Not the parser's message: it would echo the URL and the password in it.
            throw new IllegalArgumentException("FARADAY_DB_URL is not a valid PostgreSQL URL");
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "FARADAY_DB_URL must look like postgresql://user:password@host:5432/faraday"
                            + " or jdbc:postgresql://host:5432/faraday");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? defaultDatabase : path;
        String user = env.getOrDefault("FARADAY_DB_ADMIN_USER", DEFAULT_ADMIN);
        String password = env.getOrDefault("FARADAY_DB_ADMIN_PASSWORD", "");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        // The bootstrap creates the database, so it connects to the maintenance database first;
        // parameters such as sslmode apply to it as well.
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String adminUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/postgres" + query;
        return new DatabaseTarget(uri.getHost(), port, database, adminUrl, user, password, false);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    String describe() {
        return (embedded ? "embedded PostgreSQL" : "PostgreSQL") + " on " + host + ":" + port
                + ", database " + database;
    }
}
