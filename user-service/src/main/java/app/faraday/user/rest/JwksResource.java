package app.faraday.user.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import app.faraday.user.auth.SigningKeys;

@Path("/.well-known/jwks.json")
@Tag(name = "Auth")
@PermitAll
public class JwksResource {

    private static final String JWKS = "application/jwk-set+json";

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces({ JWKS, "application/json" })
    @Operation(operationId = "getJwks", summary = "Public keys that verify access tokens",
            description = "The active key and, during a"
                    + " rotation, retired ones; select by the token's kid.")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.jwks()).cacheControl(cache).build();
    }
}
