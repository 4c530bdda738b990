package app.faraday.content.rest.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SubjectCategoryPage", description = "One page of categories, 0-based, ordered by name")
public record CategoryPage(List<CategoryResponse> items, @Schema(examples = "0") int page,
        @Schema(examples = "20") int size, @Schema(examples = "5") long total) {
}
