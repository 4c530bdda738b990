package app.faraday.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.user.UserRepository.Credentials;
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

    public AuthService(UserRepository users, Transactions tx, PasswordHasher hasher, SessionService sessions, LoginThrottle throttle,
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

    public Uni<TokenResponse> login(LoginRequest request, String clientIp, String requestId) {
        String email = request.email().strip();
        LoginThrottle.Keys keys = LoginThrottle.Keys.of(email, clientIp);
        Caller anonymous = Caller.anonymous(requestId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return tx.run(anonymous, () -> throttle.secondsToWait(keys, now)
                .call(wait -> wait > 0 ? throttle.throttled(keys) : Uni.createFrom().voidItem()))
                .chain(wait -> wait > 0 ? throttled(wait) : check(request, email, keys, anonymous, now));
    }

    private Uni<TokenResponse> check(LoginRequest request, String email, LoginThrottle.Keys keys, Caller anonymous,
            OffsetDateTime now) {
        return tx.run(anonymous, () -> users.credentials(email)).chain(found -> {
            // bcrypt ignores bytes past 72: never let a longer password match a truncated one.
            boolean tooLong = request.password().getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES;
            Credentials credentials = tooLong ? null : found;
            return hasher.matches(request.password(), credentials == null ? null : credentials.passwordHash())
                    .chain(ok -> {
                        if (!ok || !credentials.active()) {
                            failures.increment();
                            return tx.run(anonymous, () -> throttle.failed(keys, found == null ? null : found.id(), now))
                                    .chain(locked -> Uni.createFrom().failure(ProblemException.unauthorized(BAD_CREDENTIALS)));
                        }
                        successes.increment();
                        Set<String> roles = Arrays.stream(credentials.roles().split(",")).collect(Collectors.toSet());
                        Caller user = Caller.of(credentials.id(), roles, anonymous.requestId());
                        return tx.run(user, () -> users.update("lastLoginAt = ?1 where id = ?2", now, credentials.id())
                                .chain(() -> throttle.succeeded(keys, credentials.id()))
                                .chain(() -> sessions.start(credentials.id(), roles)));
                    });
        });
    }

    /** The same answer for known and unknown emails: it says nothing about which exist. */
    private Uni<TokenResponse> throttled(int seconds) {
        throttledCount.increment();
        return Uni.createFrom().failure(new ProblemException(429, "too-many-sign-ins", "Too many failed sign-ins",
                "sign-in is paused after repeated failures; try again later", List.of(), (long) seconds));
    }
}
