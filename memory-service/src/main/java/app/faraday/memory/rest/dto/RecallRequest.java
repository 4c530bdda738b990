package app.faraday.memory.rest.dto;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RecallRequest", description = "What an assistant runtime wants to remember about the caller")
public record RecallRequest(
        @Schema(examples = "1") @NotNull @Min(1) Integer assistantProfileId,
        @Schema(description = "A question or a description of the moment, in the teacher's language",
                examples = "what should happen at the start of a session?")
        @NotBlank @Size(max = 1000) String query,
        @Schema(description = "How many memories to return, best first (default 10)", examples = "5")
        @Min(1) @Max(50) Integer limit,
        @Schema(description = "Only memories of these categories", nullable = true)
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> categories) {
}
