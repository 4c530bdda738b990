package app.faraday.assistant;

import app.faraday.kit.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the schema "assistant" of the run's real PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "schema", value = "assistant"))
public final class AssistantsDatabase {

    private AssistantsDatabase() {
    }
}
