package app.faraday.content;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SubjectCategoryRepository implements PanacheRepositoryBase<SubjectCategory, Integer> {


    public Uni<SubjectCategory> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }
}
