package app.faraday.kit.db;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The only way a service opens a transaction. Before any other statement it writes the caller into
 * transaction-local settings on the same connection, so the row-level security policies see who is
 * asking; because the settings are transaction-local, a pooled connection carries nothing into the
 * next request, and a transaction that forgot the context sees no rows at all.
 */
@ApplicationScoped
public class Transactions {

    /*
     * HQL, not a native query: Hibernate Reactive's native queries are cache keys that never equal one
     * another (its result-set mapping has no equals), so each execution added one more entry with the
     * same hash to the query plan cache. On the statement every transaction runs, lookups in that one
     * overfull bucket took a fifth of user-service's CPU (bench/results/2026-12-01-1700-hot-path.md).
     */
    // The casts give the results a type; else Hibernate asks the result set's metadata, which a reactive
    // query cannot do.
    public static final String SET_CONTEXT = "select cast(set_config('app.user_id', :user, true) as String),"
            + " cast(set_config('app.roles', :roles, true) as String),"
            + " cast(set_config('app.request_id', :request, true) as String),"
            + " cast(set_config('app.client_request_id', :client, true) as String)";
    private static final String SET_CONTEXT_READ_ONLY = SET_CONTEXT
            + ", cast(set_config('transaction_read_only', 'on', true) as String)";

    /** Runs {@code work} in one transaction as {@code caller}. */
    public <T> Uni<T> run(Caller caller, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> applyContext(session, caller))
                .chain(() -> work.get()));
    }

    /** Same as {@link #run(Caller, Supplier)}, handing the session to work that needs it directly. */
    public <T> Uni<T> runWithSession(Caller caller, Function<Mutiny.Session, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> applyContext(session, caller).chain(() -> work.apply(session))));
    }

    /**
     * Runs {@code work} in one read-only transaction as {@code caller}: PostgreSQL refuses any write in it,
     * and Hibernate neither keeps a snapshot of what it loads nor flushes at the end. Why: reading a page of
     * 20 lessons spent a tenth of content-service's CPU in the flush's dirty checks of entities that
     * nothing had changed (bench/results/2026-12-01-1945-lessons-scale.md).
     */
    public <T> Uni<T> read(Caller caller, Function<Mutiny.Session, Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            session.setDefaultReadOnly(true).setFlushMode(FlushMode.MANUAL);
            return applyContext(session, SET_CONTEXT_READ_ONLY, caller).chain(() -> work.apply(session))
                    .eventually(() -> session.setDefaultReadOnly(false).setFlushMode(FlushMode.AUTO));
        }));
    }

    /**
     * Runs {@code batch} again and again, each time in a transaction of its own, until a run does fewer
     * than {@code batchSize} rows; answers the total. For purges and other jobs that must never hold a
     * long lock: each batch commits before the next begins.
     */
    public Uni<Integer> drain(Caller caller, int batchSize, Function<Mutiny.Session, Uni<Integer>> batch) {
        return runWithSession(caller, batch).chain(n -> n < batchSize
                ? Uni.createFrom().item(n)
                : drain(caller, batchSize, batch).map(more -> n + more));
    }

    private static Uni<Void> applyContext(Mutiny.Session session, Caller caller) {
        return applyContext(session, SET_CONTEXT, caller);
    }

    private static Uni<Void> applyContext(Mutiny.Session session, String statement, Caller caller) {
        return session.createSelectionQuery(statement, Object[].class)
                .setParameter("user", caller.userId() == null ? "" : caller.userId().toString())
                .setParameter("roles", caller.rolesSetting())
                .setParameter("request", caller.requestId() == null ? "" : caller.requestId())
                .setParameter("client", caller.clientRequestId() == null ? "" : caller.clientRequestId())
                .getSingleResult()
                .replaceWithVoid();
    }
}
