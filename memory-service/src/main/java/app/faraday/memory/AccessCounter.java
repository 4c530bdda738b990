package app.faraday.memory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Reads of memories, counted in memory and added to the stored counters in one statement per flush
 * ({@code faraday.memory.access-flush-interval}), so that reading never writes a row per memory per read
 * and never makes an audited row version. Each replica flushes its own counts, which add up. A flush
 * that fails keeps its counts for the next one; a crash loses what was counted since the last flush.
 */
@ApplicationScoped
public class AccessCounter {

    private final Transactions tx;
    private final AtomicReference<ConcurrentHashMap<Long, LongAdder>> counting =
            new AtomicReference<>(new ConcurrentHashMap<>());
    /** Counts taken by a flush in progress: still shown, so a count never seems to go back. */
    private volatile Map<Long, Long> flushing = Map.of();

    public AccessCounter(Transactions tx) {
        this.tx = tx;
    }

    void record(Collection<Long> ids) {
        ConcurrentHashMap<Long, LongAdder> current = counting.get();
        ids.forEach(id -> current.computeIfAbsent(id, k -> new LongAdder()).increment());
    }

    /** Reads of this memory counted here and not yet stored. */
    long pending(long id) {
        LongAdder adder = counting.get().get(id);
        return (adder == null ? 0 : adder.sum()) + flushing.getOrDefault(id, 0L);
    }

    @Scheduled(every = "${faraday.memory.access-flush-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFlush() {
        return flush().replaceWithVoid();
    }

    /** Stores what was counted; answers how many memories' counters it updated. */
    public Uni<Integer> flush() {
        ConcurrentHashMap<Long, LongAdder> taken = counting.getAndSet(new ConcurrentHashMap<>());
        if (taken.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // In id order, as the database locks them, so that two replicas' flushes cannot deadlock.
        Map<Long, Long> counts = new TreeMap<>();
        taken.forEach((id, adder) -> counts.put(id, adder.sum()));
        flushing = counts;
        String ids = counts.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        String adds = counts.values().stream().map(String::valueOf).collect(Collectors.joining(","));
        return tx.runWithSession(Caller.service("access-flush"), session -> session
                .createNativeQuery("select memory.memory_record_access(cast(string_to_array(?1, ',') as bigint[]),"
                        + " cast(string_to_array(?2, ',') as integer[]), ?3)", Integer.class)
                .setParameter(1, ids).setParameter(2, adds).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .getSingleResult())
                .onFailure().invoke(e -> {
                    Log.warnf("access counts not stored yet (%s); kept for the next flush", e.toString());
                    ConcurrentHashMap<Long, LongAdder> current = counting.get();
                    counts.forEach((id, n) -> current.computeIfAbsent(id, k -> new LongAdder()).add(n));
                })
                .onTermination().invoke(() -> flushing = Map.of());
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(this::flush);
        } catch (Throwable e) {
            Log.warnf("access counts of the last moment were not stored: %s", e.toString());
        }
    }
}
