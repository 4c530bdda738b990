package app.faraday.user.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "RS256 JWT, verify with /.well-known/jwks.json", examples = "eyJraWQiOi...")
        String accessToken,
        @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "seconds until the access token expires", examples = "600") long expiresIn,
        @Schema(description = "256-bit single-use refresh token; spend it at /api/v1/auth/refresh for a new pair",
                examples = "kq2Yv7cXyq0m3V4x0nL1m2b3c4d5e6f7g8h9i0j1k2l") String refreshToken) {
}
