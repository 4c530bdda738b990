package app.faraday.user.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "RS256 JWT, verify with /.well-known/jwks.json", examples = "eyJraWQiOi...") String accessToken,
        @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "seconds until the access token expires", examples = "600") long expiresIn,
        @Schema(description = "issued once refresh tokens exist (sign-in hardening)") String refreshToken) {

    public static TokenResponse bearer(String accessToken, long expiresIn) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, null);
    }
}
