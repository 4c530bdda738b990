package app.faraday.kit.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The local stack's demo accounts have ids derived from their emails, so every service's demo seeder
 * can name a demo teacher as owner (of a lesson, a memory) without asking user-service.
 */
public final class DemoAccounts {

    private DemoAccounts() {
    }

    public static UUID userId(String email) {
        return UUID.nameUUIDFromBytes(("faraday-demo:" + email.strip().toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
    }
}
