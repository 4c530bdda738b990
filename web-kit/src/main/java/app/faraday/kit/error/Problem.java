package app.faraday.kit.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem detail, as every Faraday error is answered. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
// Written as a Response entity, not a method's return type, so native builds must be told to keep it.
@RegisterForReflection
public record Problem(
        @Schema(examples = "https://faraday.app/problems/validation") String type,
        @Schema(examples = "Invalid request") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "name: must not be blank") String detail,
        @Schema(examples = "/api/v1/users/me") String instance,
        @Schema(examples = "3f2c8a40-7b1e-4a8e-9a55-3c4bd1d0b6f1") String requestId,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://faraday.app/problems/";

    /** One failed rule of a validated request. */
    @RegisterForReflection
    public record Violation(@Schema(examples = "password") String field,
            @Schema(examples = "must be at least 15 characters") String message) {
    }
}
