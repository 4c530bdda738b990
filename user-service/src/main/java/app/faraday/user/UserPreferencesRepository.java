package app.faraday.user;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserPreferencesRepository implements PanacheRepositoryBase<UserPreferences, UUID> {

    /** Writes pending changes and reads back what the database set (timestamps). */
    public Uni<UserPreferences> flushAndRefresh(UserPreferences preferences) {
        return flush().chain(() -> getSession()).chain(session -> session.refresh(preferences)).replaceWith(preferences);
    }
}
