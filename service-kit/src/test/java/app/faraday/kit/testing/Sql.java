package app.faraday.kit.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small JDBC helpers for checks below the service code. */
public final class Sql {

    private Sql() {
    }

    /** Writes a request security context, transaction-local, as service-kit's Transactions does. */
    public static void context(Connection c, UUID userId, String roles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select set_config('app.user_id', ?, true), set_config('app.roles', ?, true),"
                        + " set_config('app.request_id', 'jdbc-test', true)")) {
            ps.setString(1, userId == null ? "" : userId.toString());
            ps.setString(2, roles);
            ps.execute();
        }
    }

    public static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return Long.parseLong(strings(c, sql, params).get(0));
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The SQL state a statement fails with, inside a savepoint so the transaction stays usable. */
    public static String failure(Connection c, String sql, Object... params) throws SQLException {
        var savepoint = c.setSavepoint();
        try {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.execute();
            }
            c.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException e) {
            c.rollback(savepoint);
            return e.getSQLState();
        }
    }
}
