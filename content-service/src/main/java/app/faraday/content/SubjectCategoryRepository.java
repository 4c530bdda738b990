package app.faraday.content;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SubjectCategoryRepository implements PanacheRepositoryBase<SubjectCategory, Integer> {

    /** Writes pending changes and reads back what the database set (path, depth, timestamps). */
    public Uni<SubjectCategory> flushAndRefresh(SubjectCategory category) {
        return flush().chain(() -> getSession()).chain(session -> session.refresh(category)).replaceWith(category);
    }

    public Uni<SubjectCategory> findByName(String name) {
        return find("lower(name) = lower(?1)", name).firstResult();
    }
}
