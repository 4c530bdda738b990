package app.faraday.assistant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AssistantProfileRepository implements PanacheRepositoryBase<AssistantProfile, Integer> {

    /** Writes pending changes and reads back what the database set (timestamps, actors). */
    public Uni<AssistantProfile> flushAndRefresh(AssistantProfile profile) {
        return flush().chain(() -> getSession()).chain(session -> session.refresh(profile)).replaceWith(profile);
    }

    public Uni<AssistantProfile> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }
}
