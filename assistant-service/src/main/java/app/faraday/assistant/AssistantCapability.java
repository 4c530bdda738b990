package app.faraday.assistant;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Something a profile can do, versioned, with parameters that match the schema it may declare. */
@Entity
@Table(name = "assistant_capabilities")
public class AssistantCapability {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;

    @Column(name = "profile_id", nullable = false, updatable = false)
    public Integer profileId;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    @Column(nullable = false, columnDefinition = "text")
    public String version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> parameters = new LinkedHashMap<>();

    /** A JSON schema (the subset of schemas/capability-parameters-schema.json) the parameters must match. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parameters_schema", columnDefinition = "jsonb")
    public Map<String, Object> parametersSchema;

    @Column(nullable = false)
    public boolean enabled = true;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;
}
