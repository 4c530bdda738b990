package app.faraday.assistant.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.smallrye.mutiny.Uni;

/** assistant-service, asked with the caller's own token, so it answers what the caller may see. */
@RegisterRestClient(configKey = "assistant-service")
@Path("/api/v1/assistant-profiles")
public interface AssistantProfilesClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Profile(int id, String name, boolean active) {
    }

    @GET
    @Path("/{id}")
    Uni<Profile> get(@PathParam("id") int id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Request-Id") String requestId);
}
