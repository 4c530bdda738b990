package app.faraday.content;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LessonRepository implements PanacheRepositoryBase<Lesson, Integer> {
}
