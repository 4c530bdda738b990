package app.faraday.memory;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What happened to a memory: created and updated by the database, feedback by the runtime or the teacher. */
@Entity
@Table(name = "memory_interactions")
public class Interaction {

    @Id
    public Long id;

    @Column(name = "memory_id", nullable = false, updatable = false)
    public Long memoryId;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(nullable = false, columnDefinition = "text", updatable = false)
    public String type;

    @Column(updatable = false)
    public Boolean success;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb", updatable = false)
    public Map<String, Object> context;

    @Column(name = "sealed_context", columnDefinition = "text", updatable = false)
    public String sealedContext;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
