package app.faraday.kit.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a service's feed; {@code eventId} is stable, so consumers can apply it idempotently. */
@Schema(name = "FeedEvent")
public record FeedEvent(
        @Schema(description = "gap-free, in commit order; the cursor to pass as after=", examples = "42") long position,
        @Schema(examples = "0d9f7c1e-6a55-4c8b-9f0e-2f1b8d7e3a10") UUID eventId,
        @Schema(examples = "user.deleted") String type,
        @Schema(description = "what the event is about, e.g. the user id",
                examples = "5b1f3c1e-2a4d-4e0b-9a8c-1f2e3d4c5b6a")
        String subject,
        JsonNode payload,
        OffsetDateTime occurredAt) {
}
