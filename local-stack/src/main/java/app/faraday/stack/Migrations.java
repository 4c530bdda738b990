package app.faraday.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import app.faraday.kit.db.SchemaRoles;

/**
 * Migrates one service's schema as its owner, from the migrations inside the service's own build
 * ({@code <module>/target/quarkus-app}: its jar and service-kit's), with the settings each service's
 * {@code migrate} profile uses (schema, the Flyway locations its own configuration names, out of order,
 * the {@code app_role} placeholder). The services then start with only their runtime roles.
 */
final class Migrations {

    private Migrations() {
    }

    static MigrateResult migrate(ServiceSpec service, String jdbcUrl, SchemaRoles roles) {
        Path app = service.jar().getParent();
        try (URLClassLoader jars = new URLClassLoader(migrationJars(app), null)) {
            ClassLoader loader = new OnlyTheseMigrations(jars, Migrations.class.getClassLoader());
            return Flyway.configure(loader)
                    .dataSource(jdbcUrl, roles.ownerRole(), roles.ownerPassword())
                    .schemas(service.schema())
                    .defaultSchema(service.schema())
                    .createSchemas(false)
                    .locations(locations(jars, service))
                    .outOfOrder(true)
                    .placeholders(Map.of("app_role", roles.appRole()))
                    .load()
                    .migrate();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the migrations of " + service.name() + " in " + app, e);
        }
    }

    /**
     * {@code quarkus.flyway.locations} of the service's own application.properties (e.g. db/kit,db/migration;
     * memory-service adds db/kit-keys), so the launcher applies exactly what the service's migrate step would.
     */
    static String[] locations(ClassLoader jars, ServiceSpec service) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = jars.getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException(service.name() + "'s build has no application.properties");
            }
            properties.load(in);
        }
        String locations = properties.getProperty("quarkus.flyway.locations", "db/migration");
        return Stream.of(locations.split(",")).map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.startsWith("classpath:") ? l : "classpath:" + l).toArray(String[]::new);
    }

    /** The service's application jar and the service-kit jar it was built with. */
    private static URL[] migrationJars(Path app) throws IOException {
        List<Path> jars;
        try (Stream<Path> own = Files.list(app.resolve("app"));
                Stream<Path> libs = Files.list(app.resolve("lib/main"))) {
            jars = Stream.concat(own.filter(p -> p.toString().endsWith(".jar")),
                    libs.filter(p -> p.getFileName().toString().startsWith("app.faraday.service-kit-"))).toList();
        }
        if (jars.size() != 2) {
            throw new IllegalStateException("expected the service's jar and service-kit's in " + app
                    + ", found " + jars);
        }
        return jars.stream().map(Migrations::url).toArray(URL[]::new);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Flyway's classes come from the launcher, the migrations only from the service's build: the
     * launcher carries a service-kit of its own, whose db/kit would otherwise be found twice.
     */
    private static final class OnlyTheseMigrations extends ClassLoader {

        private final ClassLoader migrations;

        OnlyTheseMigrations(ClassLoader migrations, ClassLoader parent) {
            super(parent);
            this.migrations = migrations;
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("db/") ? migrations.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("db/") ? migrations.getResources(name) : super.getResources(name);
        }
    }
}
