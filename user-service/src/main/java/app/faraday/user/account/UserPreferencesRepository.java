package app.faraday.user.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class UserPreferencesRepository implements PanacheRepositoryBase<UserPreferences, UUID> {
}
