package app.faraday.assistant.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AssistantProfilePage", description = "One page of profiles, 0-based, ordered by name")
public record ProfilePage(List<ProfileResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size, @Schema(examples = "2") long total) {
}
