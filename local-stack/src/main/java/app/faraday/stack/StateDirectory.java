package app.faraday.stack;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code .faraday/} folder at the project root: everything the local stack keeps between starts.
 * Deleting it (while the stack is stopped) resets the stack to a fresh database and new passwords.
 */
record StateDirectory(Path root) {

    static StateDirectory in(Path projectRoot) throws IOException {
        StateDirectory state = new StateDirectory(projectRoot.resolve(".faraday").toAbsolutePath().normalize());
        Files.createDirectories(state.logs());
        Files.createDirectories(state.keys());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // The logs and keys are as private as the secrets file: the services log the demo passwords.
            Files.setPosixFilePermissions(state.root(), PosixFilePermissions.fromString("rwx------"));
        }
        return state;
    }

    Path pgData() {
        return root.resolve("pgdata");
    }

    Path pgWork() {
        return root.resolve("pgwork");
    }

    Path secrets() {
        return root.resolve("secrets.properties");
    }

    Path keys() {
        return root.resolve("keys");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path log(String service) {
        return logs().resolve(service + ".log");
    }
}
