package app.faraday.content;

import app.faraday.kit.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the schema "content" of the run's real PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "schema", value = "content"))
public final class ContentDatabase {

    private ContentDatabase() {
    }
}
