package app.faraday.user;

import app.faraday.kit.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the schema "users" of the run's real PostgreSQL. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "schema", value = "users"))
public final class UsersDatabase {

    public static final String SCHEMA = "users";

    private UsersDatabase() {
    }
}
