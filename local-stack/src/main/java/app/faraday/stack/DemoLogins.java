package app.faraday.stack;

/**
 * The demo district's sign-ins. user-service seeds the accounts (from its {@code seed/demo-users.csv})
 * with these passwords on its first start and never changes them, so they must be the same on every
 * later start: they live in the secrets file.
 */
record DemoLogins(String teacherPassword, String adminPassword) {

    static final String ADMIN_EMAIL = "admin@springfield.edu";
    static final String TEACHER_EMAIL = "maria.lopez@springfield.edu";

    private static final String TEACHER_SECRET = "demo.teacher-password";
    private static final String ADMIN_SECRET = "demo.admin-password";

    static DemoLogins from(Secrets secrets) {
        return new DemoLogins(secrets.get(TEACHER_SECRET, 5), secrets.get(ADMIN_SECRET, 5));
    }
}
