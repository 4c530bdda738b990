package app.faraday.content.config;

import io.smallrye.config.ConfigMapping;

/** The demo categories and lessons of the local stack and dev mode; never on in production. */
@ConfigMapping(prefix = "faraday.seed")
public interface SeedConfig {

    boolean demo();
}
