package app.faraday.user.rest.dto;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin's merge patch of any account: the profile fields, plus whether it is active and its roles. */
@Schema(name = "AdminUpdateUserRequest", description = "Merge patch: omitted fields are unchanged")
public class AdminUpdateUserRequest extends UpdateProfileRequest {

    @Schema(description = "false deactivates the account and revokes its sessions", examples = "false")
    private Boolean active;

    @Size(min = 1, max = 4)
    @Schema(examples = "[\"teacher\", \"admin\"]")
    private List<@NotNull @Pattern(regexp = "^(teacher|admin)$", message = "must be teacher or admin") String> roles;

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
        mark("active");
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
        mark("roles");
    }
}
