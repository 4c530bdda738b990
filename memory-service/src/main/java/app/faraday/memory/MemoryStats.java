package app.faraday.memory;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** A memory's counters: written only by the database's functions (flushed accesses, feedback). */
@Entity
@Immutable
@Table(name = "memory_stats")
public class MemoryStats {

    @Id
    @Column(name = "memory_id")
    public Long memoryId;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "access_count")
    public long accessCount;

    @Column(name = "last_accessed_at")
    public OffsetDateTime lastAccessedAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "feedback_count")
    public int feedbackCount;

    @Column(name = "success_count")
    public int successCount;

    /** Successes over feedback; null before any feedback (ranking smooths it: docs/memories.md). */
    public Double successRate() {
        return feedbackCount == 0 ? null : successCount / (double) feedbackCount;
    }
}
