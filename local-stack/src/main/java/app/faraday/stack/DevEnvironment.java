package app.faraday.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code .faraday/<service>.env}: what one service needs to run against the stack's database
 * in {@code quarkus:dev} (source it, then {@code ./mvnw quarkus:dev -pl <service>}). The port is left
 * out, so the dev instance takes its own default beside the stack's.
 */
final class DevEnvironment {

    private DevEnvironment() {
    }

    static Path write(StateDirectory state, ServiceSpec service, Map<String, String> environment) throws IOException {
        Path file = state.root().resolve(service.name() + ".env");
        String portVariable = "FARADAY_" + service.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
        String lines = environment.entrySet().stream()
                .filter(e -> !e.getKey().equals(portVariable))
                .map(e -> "export " + e.getKey() + "='" + e.getValue().replace("'", "'\\''") + "'")
                .collect(Collectors.joining("\n",
                        "# source me, then: ./mvnw quarkus:dev -pl " + service.name() + "\n", "\n"));
        Files.writeString(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
