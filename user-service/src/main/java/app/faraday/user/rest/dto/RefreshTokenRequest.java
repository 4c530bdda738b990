package app.faraday.user.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RefreshTokenRequest")
public record RefreshTokenRequest(
        @NotBlank @Size(max = 128) @Schema(examples = "kq2Yv7cXyq0m3V4x0nL1m2b3c4d5e6f7g8h9i0j1k2l")
        String refreshToken) {
}
