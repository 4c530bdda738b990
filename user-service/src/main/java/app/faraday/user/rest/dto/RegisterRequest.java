package app.faraday.user.rest.dto;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RegisterRequest", description = "A new teacher account")
public record RegisterRequest(
        @NotBlank @Email @Size(max = 254) @Schema(examples = "maria.lopez@springfield.edu") String email,
        @NotNull @Size(max = 1024)
        @Schema(description = "At least 15 characters (configurable), at most 72 UTF-8 bytes;"
                + " not common, not your email or name",
                examples = "correct horse battery staple") String password,
        @NotBlank @Size(max = 200) @Schema(examples = "Maria Lopez") String name,
        @Size(max = 200) @Schema(examples = "Lincoln Elementary") String school,
        @Size(max = 200) @Schema(examples = "Physical Education") String department,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> subjects,
        @Size(max = 13) List<@NotNull @Pattern(regexp = GradeLevels.PATTERN,
                message = GradeLevels.MESSAGE) String> gradeLevels) {
}
