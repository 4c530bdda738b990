package app.faraday.kit.events;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/** The HTTP side of a feed: another service's {@code /internal/events}, and user-service's token exchange. */
public interface FeedClient {

    @GET
    @Path("/internal/events")
    Uni<FeedPage> events(@HeaderParam("Authorization") String authorization, @QueryParam("after") long after,
            @QueryParam("limit") int limit);

    @POST
    @Path("/api/v1/auth/service-token")
    Uni<JsonNode> serviceToken(ServiceCredentials credentials);

    /** Client credentials of the consuming service. */
    record ServiceCredentials(String clientId, String clientSecret) {
    }
}
