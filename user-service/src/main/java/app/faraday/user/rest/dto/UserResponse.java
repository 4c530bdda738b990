package app.faraday.user.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.user.account.User;

@Schema(name = "User", description = "A teacher or administrator; never includes the password hash")
public record UserResponse(
        @Schema(examples = "5b1f3c1e-2a4d-4e0b-9a8c-1f2e3d4c5b6a") UUID id,
        @Schema(examples = "maria.lopez@springfield.edu") String email,
        @Schema(examples = "Maria Lopez") String name,
        boolean active,
        @Schema(examples = "[\"teacher\"]") List<String> roles,
        @Schema(nullable = true, examples = "Lincoln Elementary") String school,
        @Schema(nullable = true, examples = "Physical Education") String department,
        @Schema(examples = "[\"Physical Education\", \"Adaptive PE\"]") List<String> subjects,
        @Schema(examples = "[\"K\", \"1\", \"2\"]") List<String> gradeLevels,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(nullable = true, description = "null until the first sign-in") OffsetDateTime lastLoginAt) {

    public static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.name, user.active, List.copyOf(user.roles), user.school,
                user.department, List.copyOf(user.subjects), List.copyOf(user.gradeLevels), user.createdAt,
                user.updatedAt, user.lastLoginAt);
    }
}
