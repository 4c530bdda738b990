package app.faraday.kit.db;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writing an entity and reading back what the database set on it (timestamps, versions, actors,
 * paths from triggers): the database owns those columns, so services refresh instead of guessing.
 * Runs in the current transaction's session.
 */
public final class Flush {

    private Flush() {
    }

    public static <T> Uni<T> andRefresh(T entity) {
        return Panache.getSession()
                .chain(session -> session.flush().chain(() -> session.refresh(entity)))
                .replaceWith(entity);
    }
}
