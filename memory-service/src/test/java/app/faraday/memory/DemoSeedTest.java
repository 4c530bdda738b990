package app.faraday.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.security.DemoAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The Springfield demo memories: sealed where sensitive, and seeded once however often the seed runs. */
@QuarkusTest
class DemoSeedTest {

    @Inject
    DemoSeeder seeder;

    @Test
    void theDemoMemoriesAreSeededOnce() throws Throwable {
        int first = VertxContextSupport.subscribeAndAwait(seeder::seed);
        int again = VertxContextSupport.subscribeAndAwait(seeder::seed);
        assertTrue(first == 12 || first == 0, "12 on a fresh schema, " + first);
        assertEquals(0, again);
        String maria = DemoAccounts.userId("maria.lopez@springfield.edu").toString();
        assertEquals(3, Fixtures.count("select count(*) from memory.user_memories where user_id = ?::uuid", maria));
        assertEquals(1, Fixtures.count("select count(*) from memory.user_memories where user_id = ?::uuid"
                + " and sensitive and content like 'v1:dk:%'", maria));
        assertEquals(0, Fixtures.count("select count(*) from memory.user_memories where content like '%yoga%'"));
    }
}
