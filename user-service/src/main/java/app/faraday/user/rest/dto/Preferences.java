package app.faraday.user.rest.dto;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import app.faraday.user.account.UserPreferences;

/** Preferences as read and as replaced (PUT); {@code updatedAt} is ignored on input. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Preferences")
public record Preferences(
        @NotNull @Pattern(regexp = "^(light|dark|system)$", message = "must be one of light, dark, system")
        @Schema(enumeration = { "light", "dark", "system" }, examples = "dark") String theme,
        @NotNull @Size(max = 35) @Schema(description = "BCP 47 language tag", examples = "en-US") String language,
        @NotNull @Size(max = 64) @Schema(description = "IANA time zone", examples = "America/Chicago") String timezone,
        @NotNull @Schema(ref = "#/components/schemas/Notifications") JsonNode notifications,
        @JsonProperty(access = JsonProperty.Access.READ_ONLY) OffsetDateTime updatedAt) {

    public static Preferences of(UserPreferences p, JsonNode notifications) {
        return new Preferences(p.theme, p.language, p.timezone, notifications, p.updatedAt);
    }
}
