package app.faraday.kit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates what migrations cannot create for themselves: the database, each service's two roles, its
 * schema owned by the owner role, and the extensions. Idempotent; runs with an administrator's
 * connection (the embedded server's superuser locally, a DBA's account elsewhere; see
 * {@code deploy/db/bootstrap.sql} for the same steps as plain SQL).
 */
public final class DatabaseBootstrap {

    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseBootstrap() {
    }

    /**
     * @param serverUrl a JDBC URL of any database on the server, e.g. {@code jdbc:postgresql://host:5432/postgres}
     */
    public static void bootstrap(String serverUrl, String adminUser, String adminPassword, String database,
            List<SchemaRoles> schemas) throws SQLException {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection admin = DriverManager.getConnection(serverUrl, adminUser, adminPassword)) {
            admin.setAutoCommit(true);
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                execute(admin, "create database " + database);
            }
            execute(admin, "revoke connect, temporary on database " + database + " from public");
            for (SchemaRoles roles : schemas) {
                ensureRole(admin, roles.ownerRole(), roles.ownerPassword());
                ensureRole(admin, roles.appRole(), roles.appPassword());
                execute(admin, "grant connect on database " + database + " to " + roles.ownerRole()
                        + ", " + roles.appRole());
            }
        }
        try (Connection db = DriverManager.getConnection(withDatabase(serverUrl, database), adminUser, adminPassword)) {
            db.setAutoCommit(true);
            execute(db, "revoke create on schema public from public");
            execute(db, "create extension if not exists pgcrypto");
            allowFullTextSearchIndexesUnderRowSecurity(db);
            for (SchemaRoles roles : schemas) {
                execute(db, "create schema if not exists " + roles.schema() + " authorization " + roles.ownerRole());
                execute(db, "alter schema " + roles.schema() + " owner to " + roles.ownerRole());
                execute(db, "revoke all on schema " + roles.schema() + " from public");
                execute(db, "grant usage on schema " + roles.schema() + " to " + roles.appRole());
            }
        }
    }

    /**
     * Row-level security lets the planner use an index for a query's condition only when the condition's
     * function is LEAKPROOF; the full-text match operator (@@) is not marked so, which would make every
     * lesson search read the whole table. ts_match_vq reports nothing about its arguments beyond the
     * boolean it returns, so it is marked leakproof. Only a superuser may; without one the searches
     * still work, as table scans.
     */
    private static void allowFullTextSearchIndexesUnderRowSecurity(Connection db) throws SQLException {
        if (exists(db, "select 1 from pg_roles where rolname = current_user and rolsuper::text = ?", "true")) {
            execute(db, "alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof");
        } else {
            System.getLogger(DatabaseBootstrap.class.getName()).log(System.Logger.Level.WARNING,
                    "not a superuser: full-text search cannot use its index under row-level security"
                            + " (see deploy/README.md)");
        }
    }

    private static void ensureRole(Connection admin, String role, String password) throws SQLException {
        String verb = exists(admin, "select 1 from pg_roles where rolname = ?", role) ? "alter" : "create";
        execute(admin, verb + " role " + role + " login nosuperuser nocreatedb nocreaterole noinherit nobypassrls"
                + " noreplication password " + literal(password));
    }

    /** Replaces the database of a JDBC URL, keeping its host, port and parameters. */
    public static String withDatabase(String jdbcUrl, String database) {
        int hostStart = jdbcUrl.indexOf("//") + 2;
        int slash = jdbcUrl.indexOf('/', hostStart);
        int query = jdbcUrl.indexOf('?', hostStart);
        String head = slash < 0 ? (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) : jdbcUrl.substring(0, slash);
        String tail = query < 0 ? "" : jdbcUrl.substring(query);
        return head + "/" + database + tail;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return ps.executeQuery().next();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String literal(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a role password must not be empty");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
