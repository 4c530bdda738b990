package app.faraday.stack;

import app.faraday.kit.local.LocalSecrets;

/**
 * The demo district's sign-ins. user-service seeds the accounts (from its {@code seed/demo-users.csv})
 * with these passwords on its first start and never changes them, so they must be the same on every
 * later start: they live in the secrets file.
 */
record DemoLogins(String teacherPassword, String adminPassword) {

    static final String ADMIN_EMAIL = "admin@springfield.edu";
    static final String TEACHER_EMAIL = "maria.lopez@springfield.edu";

    static DemoLogins from(LocalSecrets secrets) {
        return new DemoLogins(secrets.get(LocalSecrets.DEMO_TEACHER_PASSWORD, LocalSecrets.DEMO_PASSWORD_WORDS),
                secrets.get(LocalSecrets.DEMO_ADMIN_PASSWORD, LocalSecrets.DEMO_PASSWORD_WORDS));
    }
}
