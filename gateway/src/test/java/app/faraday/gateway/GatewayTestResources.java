package app.faraday.gateway;

import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the upstreams of {@link Upstreams}. */
@QuarkusTestResource(Upstreams.class)
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
