package app.faraday.user.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.local.LocalSecrets;
import app.faraday.kit.security.Caller;
import app.faraday.kit.security.DemoAccounts;
import app.faraday.user.auth.PasswordHasher;
import app.faraday.user.config.SeedConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Seeds the Springfield district's demo accounts for the local stack: only when
 * {@code faraday.seed.demo} is on, which nothing but the local-stack launcher and dev mode sets.
 * Idempotent: accounts that exist are left as they are.
 */
@ApplicationScoped
public class DemoSeeder {

    private final boolean enabled;
    private final String passwordsFile;
    private final String teacherPassword;
    private final String adminPassword;
    private final UserRepository users;
    private final UserPreferencesRepository preferences;
    private final PasswordHasher hasher;
    private final Transactions tx;

    public DemoSeeder(SeedConfig config, UserRepository users, UserPreferencesRepository preferences,
            PasswordHasher hasher,
            Transactions tx) {
        this.enabled = config.demo();
        this.passwordsFile = config.passwordsFile();
        Properties kept = enabled && (config.teacherPassword().isEmpty() || config.adminPassword().isEmpty())
                ? keptPasswords(Path.of(passwordsFile)) : new Properties();
        this.teacherPassword = config.teacherPassword().orElse(kept.getProperty("teacher", ""));
        this.adminPassword = config.adminPassword().orElse(kept.getProperty("admin", ""));
        this.users = users;
        this.preferences = preferences;
        this.hasher = hasher;
        this.tx = tx;
    }

    /** One demo account as listed in {@code seed/demo-users.csv}. */
    record DemoUser(String email, String name, List<String> roles, String school, String department,
            List<String> subjects, List<String> gradeLevels) {

        boolean admin() {
            return roles.contains(Caller.ADMIN);
        }
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (!enabled) {
            return;
        }
        int created = VertxContextSupport.subscribeAndAwait(this::seed);
        Log.infof("Demo data: %d account(s) created, %d already present", created, read().size() - created);
        Log.infof("Demo logins: admin@springfield.edu and 32 teachers such as maria.lopez@springfield.edu;"
                + " their passwords are kept in %s", Path.of(passwordsFile).toAbsolutePath());
    }

    Uni<Integer> seed() {
        List<DemoUser> demo = read();
        Caller system = Caller.system("seed-demo");
        return tx.runWithSession(system, session -> session
                .createSelectionQuery("select lower(u.email) from User u", String.class).getResultList())
                .chain(existing -> {
                    Set<String> present = new HashSet<>(existing);
                    List<DemoUser> missing = demo.stream()
                            .filter(u -> !present.contains(u.email().toLowerCase(Locale.ROOT))).toList();
                    if (missing.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // One hash per distinct password: the demo accounts share two passwords anyway, and
                    // 33 bcrypt hashes at cost 12 would add most of 20 seconds to the first start.
                    return Uni.combine().all().unis(hasher.hash(teacherPassword), hasher.hash(adminPassword)).asTuple()
                            .chain(hashed -> tx.run(system, () -> persist(missing, missing.stream()
                                    .map(u -> u.admin() ? hashed.getItem2() : hashed.getItem1()).toList())))
                            .replaceWith(missing.size());
                });
    }

    private Uni<Void> persist(List<DemoUser> missing, List<String> hashes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < missing.size(); i++) {
            DemoUser demo = missing.get(i);
            User user = new User();
            user.id = DemoAccounts.userId(demo.email()); // other services seed data owned by demo teachers
            user.email = demo.email();
            user.passwordHash = hashes.get(i);
            user.name = demo.name();
            user.roles = new ArrayList<>(demo.roles());
            user.school = demo.school();
            user.department = demo.department();
            user.subjects = new ArrayList<>(demo.subjects());
            user.gradeLevels = new ArrayList<>(demo.gradeLevels());
            UserPreferences prefs = new UserPreferences();
            prefs.userId = user.id;
            prefs.timezone = "America/Chicago";
            prefs.notifications = notifications(i);
            chain = chain.chain(() -> users.persist(user)).chain(() -> preferences.persist(prefs)).replaceWithVoid();
        }
        return chain.chain(() -> users.flush());
    }

    private static Map<String, Object> notifications(int i) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("email", Map.of("lessonReminders", true, "securityAlerts", true, "lessonShared", i % 2 == 0));
        n.put("inApp", Map.of("assistantUpdates", true));
        n.put("digest", i % 3 == 0 ? "daily" : "weekly");
        if (i % 4 == 0) {
            n.put("quietHours", Map.of("start", "21:00", "end", "07:00"));
        }
        return n;
    }

    static List<DemoUser> read() {
        try (InputStream in = DemoSeeder.class.getClassLoader().getResourceAsStream("seed/demo-users.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(DemoSeeder::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DemoUser parse(String line) {
        String[] f = line.split(";", -1);
        return new DemoUser(f[0], f[1], list(f[2]), f[3], f[4], list(f[5]), list(f[6]));
    }

    private static List<String> list(String field) {
        return field.isBlank() ? List.of() : Arrays.asList(field.split("\\|"));
    }

    /**
     * Dev mode passes no passwords: generate them once and keep them in the local secrets file, where the
     * local stack keeps its own, so that the accounts seeded at the first start can still sign in after a
     * restart. Passwords an earlier version kept beside it ({@code demo-passwords.properties}) are carried
     * over, since the accounts were seeded with them.
     */
    static Properties keptPasswords(Path file) {
        try {
            LocalSecrets secrets = LocalSecrets.load(file);
            Properties earlier = new Properties();
            Path legacy = file.resolveSibling("demo-passwords.properties");
            if (Files.exists(legacy)) {
                try (Reader reader = Files.newBufferedReader(legacy)) {
                    earlier.load(reader);
                }
            }
            secrets.putIfAbsent(LocalSecrets.DEMO_TEACHER_PASSWORD, earlier.getProperty("teacher", ""));
            secrets.putIfAbsent(LocalSecrets.DEMO_ADMIN_PASSWORD, earlier.getProperty("admin", ""));
            Properties kept = new Properties();
            kept.setProperty("teacher", secrets.get(LocalSecrets.DEMO_TEACHER_PASSWORD, LocalSecrets.DEMO_PASSWORD_WORDS));
            kept.setProperty("admin", secrets.get(LocalSecrets.DEMO_ADMIN_PASSWORD, LocalSecrets.DEMO_PASSWORD_WORDS));
            secrets.saveIfChanged();
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo passwords in " + file, e);
        }
    }
}
