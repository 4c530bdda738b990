package app.faraday.memory.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "InteractionPage", description = "One page of a memory's interactions, newest first, 0-based")
public record InteractionPage(List<InteractionResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size, @Schema(examples = "3") long total) {
}
