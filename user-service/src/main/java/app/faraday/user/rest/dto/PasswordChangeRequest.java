package app.faraday.user.rest.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordChangeRequest")
public record PasswordChangeRequest(
        @NotNull @Size(max = 1024) @Schema(examples = "maple kayak lantern orbit") String currentPassword,
        @NotNull @Size(max = 1024) @Schema(examples = "cedar falcon harbor meadow") String newPassword) {
}
