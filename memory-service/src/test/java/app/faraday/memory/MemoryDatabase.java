package app.faraday.memory;

import app.faraday.kit.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the schema "memory" of the run's real PostgreSQL, with master
 * keys made for the run (TestDatabase), and the real assistant-service (memories always name a profile)
 * and user-service (erasures through its feed) beside it.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "schema", value = "memory"))
@QuarkusTestResource(AssistantServiceProcess.class)
@QuarkusTestResource(UserServiceProcess.class)
public final class MemoryDatabase {

    private MemoryDatabase() {
    }
}
