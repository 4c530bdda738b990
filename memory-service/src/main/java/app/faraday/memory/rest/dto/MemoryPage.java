package app.faraday.memory.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MemoryPage",
        description = "One page of the caller's memories, 0-based: newest change first,"
                + " or best first with sort=relevance")
public record MemoryPage(List<MemoryResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(description = "How many memories match", examples = "7") long total) {
}
