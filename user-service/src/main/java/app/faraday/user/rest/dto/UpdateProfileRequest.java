package app.faraday.user.rest.dto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A JSON merge patch (RFC 7396) of one's own profile: fields left out stay as they are, {@code null}
 * clears an optional field. A class rather than a record so that "absent" and "null" differ.
 */
@Schema(name = "UpdateProfileRequest",
        description = "Merge patch: omitted fields are unchanged, null clears school or department")
public class UpdateProfileRequest {

    @JsonIgnore
    private final Set<String> present = new HashSet<>();

    @Pattern(regexp = "^[\\s\\S]*\\S[\\s\\S]*$", message = "must not be blank")
    @Size(max = 200)
    @Schema(examples = "Maria Lopez-Garcia")
    private String name;

    @Size(max = 200)
    @Schema(examples = "Washington Elementary", nullable = true)
    private String school;

    @Size(max = 200)
    @Schema(examples = "Physical Education", nullable = true)
    private String department;

    @Size(max = 20)
    private List<@NotBlank @Size(max = 100) String> subjects;

    @Size(max = 13)
    private List<@NotNull @Pattern(regexp = GradeLevels.PATTERN, message = GradeLevels.MESSAGE) String> gradeLevels;

    public boolean has(String field) {
        return present.contains(field);
    }

    /** Records that a field was sent, so that null can mean "clear" rather than "leave". */
    protected void mark(String field) {
        present.add(field);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
        present.add("name");
    }

    public String getSchool() {
        return school;
    }

    public void setSchool(String school) {
        this.school = school;
        present.add("school");
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
        present.add("department");
    }

    public List<String> getSubjects() {
        return subjects;
    }

    public void setSubjects(List<String> subjects) {
        this.subjects = subjects;
        present.add("subjects");
    }

    public List<String> getGradeLevels() {
        return gradeLevels;
    }

    public void setGradeLevels(List<String> gradeLevels) {
        this.gradeLevels = gradeLevels;
        present.add("gradeLevels");
    }
}
