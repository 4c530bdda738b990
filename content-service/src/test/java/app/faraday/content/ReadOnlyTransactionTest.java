package app.faraday.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * What lists and single reads run in (Transactions.read): PostgreSQL refuses a write there, and a change
 * made to a loaded lesson is not flushed at the end; the next ordinary transaction writes again.
 */
@QuarkusTest
class ReadOnlyTransactionTest {

    @Inject
    Transactions tx;

    @Inject
    LessonRepository lessons;

    @Test
    void aReadTransactionWritesNothing() throws Throwable {
        TestUser owner = TestUser.teacher();
        int id = Fixtures.lesson(owner, Fixtures.category(TestUser.admin()));
        Caller caller = Caller.of(owner.id(), Set.of(Caller.TEACHER), "read-only");

        Throwable refused = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> tx.read(caller, session -> session
                        .createNativeQuery("update content.lessons set title = 'Changed' where id = " + id)
                        .executeUpdate())));
        assertTrue(String.valueOf(refused.getMessage()).contains("read-only transaction"), refused::toString);

        String original = title(caller, id);
        VertxContextSupport.subscribeAndAwait(() -> tx.read(caller, session -> lessons.findById(id)
                .invoke(lesson -> lesson.title = "Changed in memory")));
        assertEquals(original, title(caller, id), "a read transaction flushed a change");

        VertxContextSupport.subscribeAndAwait(() -> tx.run(caller, () -> lessons.findById(id)
                .invoke(lesson -> lesson.title = "Changed for real").replaceWithVoid()));
        assertEquals("Changed for real", title(caller, id));
    }

    private String title(Caller caller, int id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> tx.read(caller, session -> lessons.findById(id)
                .map(lesson -> lesson.title)));
    }
}
