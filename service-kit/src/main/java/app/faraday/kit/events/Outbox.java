package app.faraday.kit.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The transactional outbox of db/kit/V0_2__kit_outbox.sql: {@link #publish} inside the transaction
 * whose change the event announces, {@link #read} to serve the feed.
 */
@ApplicationScoped
public class Outbox {

    private final Transactions tx;
    private final ObjectMapper mapper;
    private final String schema;

    public Outbox(Transactions tx, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.tx = tx;
        this.mapper = mapper;
        this.schema = schema;
    }

    /** Records an event; call inside the transaction of the change, so both commit or neither does. */
    public Uni<UUID> publish(String type, String subject, Map<String, Object> payload) {
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not JSON", e);
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select " + schema + ".outbox_publish(?1, ?2, cast(cast(?3 as text) as jsonb))",
                        UUID.class)
                .setParameter(1, type).setParameter(2, subject).setParameter(3, json)
                .getSingleResult());
    }

    /** Up to {@code limit} events after position {@code after}, in order. */
    public Uni<FeedPage> read(Caller caller, long after, int limit) {
        return tx.runWithSession(caller, session -> session
                .createNativeQuery("select position, event_id, type, subject, payload::text, occurred_at from " + schema
                        + ".outbox where position > ?1 order by position limit ?2", Object[].class)
                .setParameter(1, after).setParameter(2, limit)
                .getResultList())
                .map(rows -> {
                    List<FeedEvent> events = rows.stream().map(this::toEvent).toList();
                    return new FeedPage(events, events.isEmpty() ? after : events.get(events.size() - 1).position());
                });
    }

    private FeedEvent toEvent(Object[] row) {
        try {
            return new FeedEvent(((Number) row[0]).longValue(), (UUID) row[1], (String) row[2], (String) row[3],
                    mapper.readTree((String) row[4]), (OffsetDateTime) row[5]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }
}
