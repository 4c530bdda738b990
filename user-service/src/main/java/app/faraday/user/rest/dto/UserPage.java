package app.faraday.user.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UserPage", description = "One page of users, 0-based")
public record UserPage(List<UserResponse> items, @Schema(examples = "0") int page, @Schema(examples = "20") int size,
        @Schema(examples = "33") long total) {
}
