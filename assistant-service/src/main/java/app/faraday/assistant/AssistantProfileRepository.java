package app.faraday.assistant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AssistantProfileRepository implements PanacheRepositoryBase<AssistantProfile, Integer> {


    public Uni<AssistantProfile> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }
}
