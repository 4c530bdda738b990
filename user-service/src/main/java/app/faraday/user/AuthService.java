package app.faraday.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
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

    public AuthService(UserRepository users, Transactions tx, PasswordHasher hasher, SessionService sessions, Clock clock,
            MeterRegistry registry) {
        this.users = users;
        this.tx = tx;
        this.hasher = hasher;
        this.sessions = sessions;
        this.clock = clock;
        this.successes = Counter.builder("faraday.logins").tag("outcome", "success")
                .description("Sign-in attempts by outcome").register(registry);
        this.failures = Counter.builder("faraday.logins").tag("outcome", "failure")
                .description("Sign-in attempts by outcome").register(registry);
    }

    public Uni<TokenResponse> login(LoginRequest request, String requestId) {
        String email = request.email().strip();
        boolean tooLong = request.password().getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES;
        return tx.run(Caller.anonymous(requestId), () -> users.credentials(email))
                .chain(found -> {
                    // bcrypt ignores bytes past 72: never let a longer password match a truncated one.
                    Credentials credentials = tooLong ? null : found;
                    return hasher.matches(request.password(), credentials == null ? null : credentials.passwordHash())
                            .map(ok -> ok && credentials.active() ? credentials : null);
                })
                .chain(credentials -> {
                    if (credentials == null) {
                        failures.increment();
                        return Uni.createFrom().failure(ProblemException.unauthorized(BAD_CREDENTIALS));
                    }
                    successes.increment();
                    Set<String> roles = Arrays.stream(credentials.roles().split(",")).collect(Collectors.toSet());
                    Caller user = Caller.of(credentials.id(), roles, requestId);
                    return tx.run(user, () -> users.update("lastLoginAt = ?1 where id = ?2",
                            OffsetDateTime.now(clock), credentials.id())
                            .chain(() -> sessions.start(credentials.id(), roles)));
                });
    }
}
