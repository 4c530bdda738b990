package app.faraday.user.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotBlank @Size(max = 254) @Schema(examples = "maria.lopez@springfield.edu") String email,
        @NotNull @Size(max = 1024) @Schema(examples = "correct horse battery staple") String password) {
}
