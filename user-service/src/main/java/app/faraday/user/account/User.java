package app.faraday.user.account;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A teacher or administrator. The password hash never leaves the service. */
@Entity
@Table(name = "users")
public class User {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean active = true;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> roles = new ArrayList<>(List.of("teacher"));

    public String school;

    public String department;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> subjects = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "grade_levels", nullable = false, columnDefinition = "text[]")
    public List<String> gradeLevels = new ArrayList<>();

    /** Set by the database (default and trigger); services refresh the entity after writing. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "last_login_at")
    public OffsetDateTime lastLoginAt;
}
