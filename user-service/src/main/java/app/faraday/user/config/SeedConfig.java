package app.faraday.user.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The demo district of the local stack and dev mode; never on in production. */
@ConfigMapping(prefix = "faraday.seed")
public interface SeedConfig {

    boolean demo();

    /** The demo teachers' password; when unset, kept in (or generated into) {@link #passwordsFile()}. */
    @WithName("teacher-password")
    Optional<String> teacherPassword();

    @WithName("admin-password")
    Optional<String> adminPassword();

    @WithName("passwords-file")
    String passwordsFile();
}
