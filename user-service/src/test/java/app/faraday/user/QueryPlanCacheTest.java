package app.faraday.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.QueryStatistics;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The statement every transaction starts with is planned once, not once per transaction: each plan
 * Hibernate Reactive made for a native query was a new cache entry under the same hash, and looking
 * the next one up through that bucket cost a fifth of a read's CPU.
 */
@QuarkusTest
class QueryPlanCacheTest {

    @Inject
    Transactions tx;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void theContextStatementIsPlannedOnceForManyTransactions() throws Throwable {
        Caller caller = Caller.of(UUID.randomUUID(), Set.of(Caller.TEACHER), "plan-cache");
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            runTransaction(caller); // planned here, at the latest
            statistics.clear();
            for (int i = 0; i < 25; i++) {
                assertEquals(caller.userId().toString(), runTransaction(caller));
            }
            // Per statement, so a scheduled job's queries meanwhile cannot disturb the count.
            QueryStatistics context = statistics.getQueryStatistics(Transactions.SET_CONTEXT);
            assertEquals(0, context.getPlanCacheMissCount(), "plans made again for the same statement");
            assertTrue(context.getPlanCacheHitCount() >= 25, "the context statement was not served from the cache");
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    /** One transaction that reads back the user the context carries. */
    private String runTransaction(Caller caller) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> tx.runWithSession(caller, session -> session
                .createSelectionQuery("select cast(function('current_setting', 'app.user_id') as String)", String.class)
                .getSingleResult()));
    }
}
