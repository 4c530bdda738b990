package app.faraday.assistant.config;

import io.smallrye.config.ConfigMapping;

/** The demo profiles of the local stack and dev mode; never on in production. */
@ConfigMapping(prefix = "faraday.seed")
public interface SeedConfig {

    boolean demo();
}
