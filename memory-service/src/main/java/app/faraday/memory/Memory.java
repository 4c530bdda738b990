package app.faraday.memory;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A memory as stored: when {@code sensitive}, {@code content} and {@code sealedContext} are ciphertext
 * under the owner's data key and {@code terms} its blind search index ({@link MemorySealing} turns it
 * into what the owner reads). {@code version} is the optimistic lock behind ETag / If-Match; the
 * database (trigger stamp_memory) raises it on every real change.
 */
@Entity
@Table(name = "user_memories")
public class Memory {

    /** Taken from the sequence by the service before the insert, so sealed values can be bound to it. */
    @Id
    public Long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "assistant_profile_id", nullable = false, updatable = false)
    public Integer assistantProfileId;

    @Column(nullable = false, columnDefinition = "text")
    public String content;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> context;

    @Column(name = "sealed_context", columnDefinition = "text")
    public String sealedContext;

    @Column(nullable = false)
    public Float importance;

    @Column(nullable = false, columnDefinition = "text")
    public String category;

    @Column(nullable = false)
    public Boolean sensitive;

    @Column(name = "content_key", nullable = false)
    public byte[] contentKey;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] terms = new String[0];

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Version
    @Column(nullable = false)
    public Integer version;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;
}
