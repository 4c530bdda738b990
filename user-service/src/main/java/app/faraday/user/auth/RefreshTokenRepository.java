package app.faraday.user.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** What a refresh needs about one token hash, read through the narrow SECURITY DEFINER function. */
    public record Presented(UUID id, UUID familyId, UUID userId, OffsetDateTime expiresAt,
            OffsetDateTime familyExpiresAt,
            boolean spent, boolean revoked, boolean active, String roles, OffsetDateTime authenticatedAt) {
    }

    public Uni<Presented> lookup(byte[] hash) {
        return getSession().chain(session -> session
                .createNativeQuery("select id, family_id, user_id, expires_at, family_expires_at, spent, revoked,"
                        + " active, roles, authenticated_at"
                        + " from users.refresh_lookup(?1)", Object[].class)
                .setParameter(1, hash)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : toPresented(rows.get(0)));
    }

    /** Spends a token once: false when it was spent or revoked meanwhile (a concurrent use). */
    public Uni<Boolean> spend(UUID id, OffsetDateTime now) {
        return update("spentAt = ?1 where id = ?2 and spentAt is null and revokedAt is null", now, id)
                .map(count -> count == 1);
    }

    public Uni<Integer> revokeFamily(UUID familyId, OffsetDateTime now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Integer> revokeAllOf(UUID userId, OffsetDateTime now) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId);
    }

    private static Presented toPresented(Object[] row) {
        return new Presented((UUID) row[0], (UUID) row[1], (UUID) row[2], (OffsetDateTime) row[3],
                (OffsetDateTime) row[4],
                (Boolean) row[5], (Boolean) row[6], (Boolean) row[7], (String) row[8], (OffsetDateTime) row[9]);
    }
}
