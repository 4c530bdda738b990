package app.faraday.user.auth;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One refresh token of a sign-in session (its family); only the SHA-256 of the token is kept. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken {

    @Id
    public UUID id;

    @Column(name = "family_id", nullable = false)
    public UUID familyId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "token_hash", nullable = false)
    public byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** Idle expiry: a token not used by then is dead. */
    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    /** Absolute expiry of the whole family, set at sign-in. */
    @Column(name = "family_expires_at", nullable = false)
    public OffsetDateTime familyExpiresAt;

    /** When the user last proved who they are in this family: the sign-in that started it. */
    @Column(name = "authenticated_at")
    public OffsetDateTime authenticatedAt;

    @Column(name = "spent_at")
    public OffsetDateTime spentAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
