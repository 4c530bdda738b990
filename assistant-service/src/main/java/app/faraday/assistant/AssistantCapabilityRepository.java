package app.faraday.assistant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AssistantCapabilityRepository implements PanacheRepositoryBase<AssistantCapability, Integer> {


    public Uni<AssistantCapability> findInProfile(int profileId, int id) {
        return find("profileId = ?1 and id = ?2", profileId, id).firstResult();
    }
}
