package app.faraday.user.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.user.account.UserRepository;
import app.faraday.user.account.UserRepository.Credentials;
import app.faraday.user.rest.dto.LoginRequest;
import app.faraday.user.rest.dto.TokenResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in. Wrong email, wrong password and inactive account all answer the same 401 after the same
 * bcrypt work, so neither the body nor the timing tells which emails exist.
 */
@ApplicationScoped
public class AuthService {

    static final String BAD_CREDENTIALS = "the email or password is not correct";

    private final UserRepository users;
    private final Transactions tx;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final Clock clock;
    private final Counter successes;
    private final Counter failures;
    private final Counter throttledCount;
    private final LoginThrottle throttle;

    public AuthService(UserRepository users, Transactions tx, PasswordHasher hasher, SessionService sessions,
            LoginThrottle throttle,
            Clock clock, MeterRegistry registry) {
        this.users = users;
        this.tx = tx;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
        this.successes = Counter.builder("faraday.logins").tag("outcome", "success")
                .description("Sign-in attempts by outcome").register(registry);
        this.failures = Counter.builder("faraday.logins").tag("outcome", "failure")
                .description("Sign-in attempts by outcome").register(registry);
        this.throttledCount = Counter.builder("faraday.logins").tag("outcome", "throttled")
                .description("Sign-in attempts by outcome").register(registry);
    }

    /** A reserved attempt and what it needs to be checked; {@code credentials} is null for an unknown email. */
    private record Reservation(int waitSeconds, Credentials credentials) {
    }

    /** {@code waiting} tells whether the client still waits; a check it has left is dropped unhashed. */
    public Uni<TokenResponse> login(LoginRequest request, String clientIp, Caller anonymous, BooleanSupplier waiting) {
        String email = request.email().strip();
        LoginThrottle.Keys keys = LoginThrottle.Keys.signIn(email, clientIp);
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Counted before bcrypt runs and settled after: parallel guesses queue on the throttle's rows. The
        // check's slot is taken first: without one, 503 at once, before any database work or count.
        return hasher.withSlot(slot -> tx.run(anonymous, () -> throttle.reserve(keys, now).chain(wait -> wait > 0
                ? throttle.event(null, keys, "throttled").replaceWith(new Reservation(wait, null))
                : users.credentials(email).map(found -> new Reservation(0, found))))
                .chain(reserved -> reserved.waitSeconds() > 0 ? throttled(reserved.waitSeconds())
                        : check(slot, request, reserved.credentials(), keys, anonymous, now, waiting)));
    }

    private Uni<TokenResponse> check(PasswordHasher.Slot slot, LoginRequest request, Credentials found,
            LoginThrottle.Keys keys, Caller anonymous, OffsetDateTime now, BooleanSupplier waiting) {
        // bcrypt ignores bytes past 72: never let a longer password match a truncated one.
        boolean tooLong = request.password().getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES;
        Credentials credentials = tooLong ? null : found;
        // A check dropped because its client left stays counted, like any attempt not settled as a success.
        String hash = credentials == null ? null : credentials.passwordHash();
        return hasher.matches(slot, request.password(), hash, waiting)
                .chain(ok -> {
                    if (!ok || !credentials.active()) {
                        failures.increment();
                        return tx.run(anonymous,
                                        () -> throttle.event(found == null ? null : found.id(), keys, "failure"))
                                .chain(() -> Uni.createFrom().failure(ProblemException.unauthorized(BAD_CREDENTIALS)));
                    }
                    successes.increment();
                    Set<String> roles = Arrays.stream(credentials.roles().split(",")).collect(Collectors.toSet());
                    Caller user = anonymous.actingAs(credentials.id(), roles);
                    return tx.run(user, () -> users.update("lastLoginAt = ?1 where id = ?2", now, credentials.id())
                            .chain(() -> throttle.succeeded(keys, credentials.id(), now))
                            .chain(() -> throttle.event(credentials.id(), keys, "success"))
                            .chain(() -> sessions.start(credentials.id(), roles, now)));
                });
    }

    /** The same answer for known and unknown emails: it says nothing about which exist. */
    private Uni<TokenResponse> throttled(int seconds) {
        throttledCount.increment();
        return Uni.createFrom().failure(new ProblemException(429, "too-many-sign-ins", "Too many failed sign-ins",
                "sign-in is paused after repeated failures; try again later", List.of(), (long) seconds));
    }
}
