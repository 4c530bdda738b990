package app.faraday.kit.events;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A slice of a feed and the cursor for the next request. */
@Schema(name = "FeedPage")
public record FeedPage(List<FeedEvent> events,
        @Schema(description = "pass as after= next time; equal to after when there was nothing new",
                examples = "42") long next) {
}
