package app.faraday.memory.config;

import io.smallrye.config.ConfigMapping;

/** The demo memories of the local stack and dev mode; never on in production. */
@ConfigMapping(prefix = "faraday.seed")
public interface SeedConfig {

    boolean demo();
}
