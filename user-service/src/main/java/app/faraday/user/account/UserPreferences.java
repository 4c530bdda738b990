package app.faraday.user.account;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One row per user; removed with the user (ON DELETE CASCADE). */
@Entity
@Table(name = "user_preferences")
public class UserPreferences {

    public static final String DEFAULT_THEME = "system";
    public static final String DEFAULT_LANGUAGE = "en-US";
    public static final String DEFAULT_TIMEZONE = "UTC";

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(nullable = false)
    public String theme = DEFAULT_THEME;

    @Column(nullable = false)
    public String language = DEFAULT_LANGUAGE;

    @Column(nullable = false)
    public String timezone = DEFAULT_TIMEZONE;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> notifications = new LinkedHashMap<>();

    /** Set by the database (default and trigger); services refresh the entity after writing. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;
}
