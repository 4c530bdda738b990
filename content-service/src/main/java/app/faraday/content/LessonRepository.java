package app.faraday.content;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class LessonRepository implements PanacheRepositoryBase<Lesson, Integer> {

    /** Writes pending changes and reads back what the database set (version, timestamps, author). */
    public Uni<Lesson> flushAndRefresh(Lesson lesson) {
        return flush().chain(() -> getSession()).chain(session -> session.refresh(lesson)).replaceWith(lesson);
    }
}
