package app.faraday.kit.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} service at its schema in the run's real PostgreSQL
 * ({@link TestDatabase}). Init argument {@code schema} names the service's schema.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String schema = "users";

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", schema);
    }

    @Override
    public Map<String, String> start() {
        return TestDatabase.get().quarkusConfig(schema);
    }

    @Override
    public void stop() {
        // The server outlives each Quarkus application of the run; it stops with the JVM.
    }
}
