package app.faraday.user.account;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.DatabaseErrors;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.user.auth.LoginThrottle;
import app.faraday.user.auth.PasswordHasher;
import app.faraday.user.auth.PasswordPolicy;
import app.faraday.user.auth.SessionService;
import app.faraday.user.config.AccountsConfig;
import app.faraday.user.rest.dto.GradeLevels;
import app.faraday.user.rest.dto.PasswordChangeRequest;
import app.faraday.user.rest.dto.RegisterRequest;
import app.faraday.user.rest.dto.UpdateProfileRequest;
import io.smallrye.mutiny.Uni;

/** Accounts: registration and one's own profile. */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final UserPreferencesRepository preferences;
    private final Transactions tx;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final boolean registrationEnabled;

    public UserService(UserRepository users, UserPreferencesRepository preferences, Transactions tx,
            PasswordPolicy policy, PasswordHasher hasher, SessionService sessions, LoginThrottle throttle, Clock clock,
            AccountsConfig.Registration registration) {
        this.users = users;
        this.preferences = preferences;
        this.tx = tx;
        this.policy = policy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
        this.registrationEnabled = registration.enabled();
    }

    /**
     * Creates a teacher account and its default preferences in one transaction, run as the new user
     * so that the row-level security policies admit exactly that row.
     */
    public Uni<User> register(RegisterRequest request, Caller anonymous) {
        if (!registrationEnabled) {
            throw ProblemException.forbidden("self-registration is switched off; ask your district administrator");
        }
        String email = request.email().strip();
        policy.check("password", request.password(), email, request.name());
        UUID id = UUID.randomUUID();
        Caller newUser = anonymous.actingAs(id, Set.of(Caller.TEACHER));
        return hasher.hash(request.password()).chain(hash -> tx.run(newUser, () -> {
            User user = new User();
            user.id = id;
            user.email = email;
            user.passwordHash = hash;
            user.name = request.name().strip();
            user.school = blankToNull(request.school());
            user.department = blankToNull(request.department());
            user.subjects = cleanList(request.subjects());
            user.gradeLevels = new ArrayList<>(GradeLevels.normalise(request.gradeLevels()));
            UserPreferences prefs = new UserPreferences();
            prefs.userId = id;
            return users.persist(user)
                    .chain(() -> preferences.persist(prefs))
                    .chain(() -> Flush.andRefresh(user));
        })).onFailure(UserService::isDuplicateEmail)
                .transform(e -> ProblemException.conflict("an account with this email already exists"));
    }

    /** The caller's own account; 404 when it no longer exists (e.g. deleted while the token lives). */
    public Uni<User> me(Caller caller) {
        return tx.run(caller, () -> users.findById(caller.userId()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no such user"));
    }

    public Uni<User> updateProfile(Caller caller, UpdateProfileRequest patch) {
        requireName(patch);
        return tx.run(caller, () -> users.findById(caller.userId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no such user"))
                .invoke(user -> apply(user, patch))
                .chain(Flush::andRefresh));
    }

    /**
     * Changes one's own password and ends every session. The current password is checked under a
     * throttle of its own per account (reserved before bcrypt, like sign-in), so a stolen access token
     * cannot guess it quickly, nor lock the owner out of signing in. The bcrypt work happens between
     * short transactions; the update only applies if the hash did not change meanwhile.
     */
    public Uni<Void> changePassword(Caller caller, PasswordChangeRequest request) {
        return me(caller).chain(user -> {
            policy.check("newPassword", request.newPassword(), user.email, user.name);
            LoginThrottle.Keys keys = LoginThrottle.Keys.passwordCheck(user.id);
            OffsetDateTime now = OffsetDateTime.now(clock);
            String oldHash = user.passwordHash;
            // The slot first, held across both hashes: a 503 comes before the attempt is counted.
            return hasher.withSlot(slot -> tx.run(caller, () -> throttle.reserve(keys, now))
                    .chain(wait -> wait > 0 ? passwordChecksPaused(wait)
                            : replacePassword(slot, caller, user.id, oldHash, request, keys, now)));
        });
    }

    private static Uni<Void> passwordChecksPaused(int wait) {
        return Uni.createFrom().failure(new ProblemException(429, "too-many-password-checks",
                "Too many wrong passwords", "changing the password is paused after repeated wrong current"
                        + " passwords; try again later", List.of(), (long) wait));
    }

    private Uni<Void> replacePassword(PasswordHasher.Slot slot, Caller caller, UUID userId, String oldHash,
            PasswordChangeRequest request, LoginThrottle.Keys keys, OffsetDateTime now) {
        return hasher.matches(slot, request.currentPassword(), oldHash, PasswordHasher.ALWAYS).chain(matches -> {
            if (!matches) {
                return Uni.createFrom().failure(ProblemException.invalid("currentPassword",
                        "is not your current password"));
            }
            return hasher.hash(slot, request.newPassword()).chain(newHash -> tx.run(caller, () -> users
                    .update("passwordHash = ?1 where id = ?2 and passwordHash = ?3", newHash, userId, oldHash)
                    .chain(updated -> updated == 1
                            ? throttle.succeeded(keys, null, now).chain(() -> sessions.revokeAll(userId))
                            : Uni.createFrom().failure(ProblemException.conflict(
                                    "the password was changed meanwhile; try again")))))
                    .replaceWithVoid();
        });
    }

    static void requireName(UpdateProfileRequest patch) {
        if (patch.has("name") && patch.getName() == null) {
            throw ProblemException.invalid("name", "must not be null");
        }
    }

    static void apply(User user, UpdateProfileRequest patch) {
        if (patch.has("name")) {
            user.name = patch.getName().strip();
        }
        if (patch.has("school")) {
            user.school = blankToNull(patch.getSchool());
        }
        if (patch.has("department")) {
            user.department = blankToNull(patch.getDepartment());
        }
        if (patch.has("subjects")) {
            user.subjects = cleanList(patch.getSubjects());
        }
        if (patch.has("gradeLevels")) {
            user.gradeLevels = new ArrayList<>(GradeLevels.normalise(patch.getGradeLevels()));
        }
    }

    static boolean isDuplicateEmail(Throwable e) {
        return DatabaseErrors.is(e, DatabaseErrors.UNIQUE_VIOLATION);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> cleanList(List<String> values) {
        if (values == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(values.stream().map(String::strip).distinct().toList());
    }
}
