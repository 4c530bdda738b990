package app.faraday.assistant;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An AI assistant profile: which model, configured how; teachers use the active ones. */
@Entity
@Table(name = "assistant_profiles")
public class AssistantProfile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    @Column(name = "model_version", nullable = false, columnDefinition = "text")
    public String modelVersion;

    /** Checked against schemas/assistant-configuration.json before every write. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> configuration = new LinkedHashMap<>();

    /** Uses per user per UTC day; {@code null} means the service's configured default. */
    @Column(name = "daily_quota")
    public Integer dailyQuota;

    @Column(nullable = false)
    public boolean active = true;

    /** Set by the database (trigger stamp_profile); services refresh the entity after writing. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "created_by", insertable = false, updatable = false)
    public UUID createdBy;

    @Column(name = "updated_by", insertable = false, updatable = false)
    public UUID updatedBy;
}
