package app.faraday.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.faraday.kit.testing.Sql;
import app.faraday.kit.testing.TestDatabase;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;

/** Our bcrypt hashes are in the $2a$ format pgcrypto's crypt() verifies, so the database can check them too. */
@QuarkusTest
class PgcryptoCompatibilityTest {

    @Test
    void pgcryptoAcceptsOurHashesAtTheProductionCost() throws Exception {
        String hash = BcryptUtil.bcryptHash(Accounts.PASSWORD, 12);
        assertTrue(hash.startsWith("$2a$12$"), hash);
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(List.of("t"),
                    Sql.strings(c, "select (crypt(?, ?) = ?)::text", Accounts.PASSWORD, hash, hash).stream()
                    .map(s -> s.substring(0, 1)).toList());
            assertEquals(List.of("f"),
                    Sql.strings(c, "select (crypt(?, ?) = ?)::text", "another password entirely", hash, hash)
                    .stream().map(s -> s.substring(0, 1)).toList());
        }
    }

    @Test
    void storedHashesOfRegisteredUsersVerifyInTheDatabase() throws Exception {
        Accounts.Account a = Accounts.teacher("pgcrypto");
        try (Connection c = TestDatabase.get().connectAsAdmin()) {
            assertEquals(List.of("true"), Sql.strings(c,
                    "select (crypt(?, password_hash) = password_hash)::text from users.users where id = ?",
                    Accounts.PASSWORD, a.id()));
        }
    }
}
