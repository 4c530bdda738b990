package app.faraday.content.rest.dto;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SubjectCategoryNode", description = "A category with its subcategories, nested")
public record CategoryNode(
        @Schema(examples = "1") int id,
        @Schema(examples = "Physical Education") String name,
        @Schema(nullable = true) String description,
        @Schema(ref = "#/components/schemas/CategoryMetadata") Map<String, Object> metadata,
        @Schema(description = "Its subcategories, nested the same way") List<CategoryNode> children) {
}
