package app.faraday.user.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceTokenRequest", description = "Client credentials of a Faraday service")
public record ServiceTokenRequest(
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{1,62}$") @Schema(examples = "content-service") String clientId,
        @NotBlank @Size(max = 256) @Schema(examples = "generated-secret-from-the-deployment") String clientSecret) {
}
