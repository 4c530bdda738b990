package app.faraday.assistant.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AssistantCapabilityPage",
        description = "One page of a profile's capabilities, 0-based, ordered by name")
public record CapabilityPage(List<CapabilityResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size, @Schema(examples = "2") long total) {
}
