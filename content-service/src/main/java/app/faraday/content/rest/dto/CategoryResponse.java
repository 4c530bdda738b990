package app.faraday.content.rest.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.faraday.content.SubjectCategory;

@Schema(name = "SubjectCategory")
public record CategoryResponse(
        @Schema(examples = "2") int id,
        @Schema(examples = "Team Sports") String name,
        @Schema(nullable = true) String description,
        @Schema(nullable = true, examples = "1") Integer parentId,
        @Schema(ref = "#/components/schemas/CategoryMetadata") Map<String, Object> metadata,
        @Schema(description = "Ids from the root down to this category", examples = "[1, 2]") List<Integer> path,
        @Schema(description = "0 for a root", examples = "1") int depth,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static CategoryResponse of(SubjectCategory c) {
        return new CategoryResponse(c.id, c.name, c.description, c.parentId, c.metadata, c.path, c.depth,
                c.createdAt, c.updatedAt);
    }
}
