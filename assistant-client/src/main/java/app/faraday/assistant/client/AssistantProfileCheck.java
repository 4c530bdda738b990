package app.faraday.assistant.client;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * Whether a lesson or a memory may name an assistant profile: it must exist and be active, as
 * assistant-service tells the caller. A missing or inactive profile is the client's mistake (422); assistant-service
 * being slow, down or failing is ours (503), and the circuit breaker then answers at once instead of
 * making every save wait for the timeout. Configured as the REST client {@code assistant-service}.
 * <p>
 * "Profile N is active" is the same answer for every caller (any signed-in user sees an active profile), so
 * it is remembered for {@code faraday.assistant-profiles.active-cache} (5 s; 0 turns it off): a burst of
 * saves under one profile asks once instead of once per save (bench/results, "writes"). The price: a profile
 * deactivated or deleted at assistant-service can still be named here for that long. Only "active" is
 * remembered, so a profile made or re-activated there is usable here at once.
 */
@ApplicationScoped
public class AssistantProfileCheck {

    private final AssistantProfilesClient client;
    private final long activeForNanos;
    private final LongSupplier nanoClock;
    /** Profile id to the nanoClock reading until which it counts as active without asking. */
    private final Map<Integer, Long> activeUntil = new ConcurrentHashMap<>();

    @Inject
    public AssistantProfileCheck(@RestClient AssistantProfilesClient client,
            @ConfigProperty(name = "faraday.assistant-profiles.active-cache", defaultValue = "PT5S") Duration cache) {
        this(client, cache, System::nanoTime);
    }

    /** With the clock its lifetime is measured on: System.nanoTime, or a test's. */
    public AssistantProfileCheck(AssistantProfilesClient client, Duration cache, LongSupplier nanoClock) {
        this.client = client;
        this.activeForNanos = cache.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Completes when {@code profileId} is null or names an active profile the caller can see. */
    public Uni<Void> requireActive(Integer profileId, String authorization, String requestId) {
        if (profileId == null || knownActive(profileId)) {
            return Uni.createFrom().voidItem();
        }
        return fetch(profileId, authorization, requestId)
                .onFailure(AssistantProfileCheck::notFound).transform(e -> unknownProfile())
                .onFailure(e -> !(e instanceof ProblemException)).transform(AssistantProfileCheck::unavailable)
                .invoke(profile -> {
                    if (!profile.active()) {
                        activeUntil.remove(profileId);
                        throw unknownProfile();
                    }
                    if (activeForNanos > 0) {
                        activeUntil.put(profileId, nanoClock.getAsLong() + activeForNanos);
                    }
                })
                .replaceWithVoid();
    }

    /** Forgets what it remembered of a profile, as when the feed says it was deleted. */
    public void forget(int profileId) {
        activeUntil.remove(profileId);
    }

    private boolean knownActive(int profileId) {
        Long until = activeUntil.get(profileId);
        if (until == null) {
            return false;
        }
        if (until - nanoClock.getAsLong() > 0) {
            return true;
        }
        activeUntil.remove(profileId, until);
        return false;
    }

    /** assistant-service answered, with a 4xx: an answer, so neither retried nor held against the breaker. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super("assistant-service answered " + status, null, false, false);
            this.status = status;
        }
    }

    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = Refused.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = Refused.class)
    Uni<AssistantProfilesClient.Profile> fetch(int profileId, String authorization, String requestId) {
        return client.get(profileId, authorization, requestId)
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    return status < 500 ? new Refused(status) : e;
                });
    }

    private static boolean notFound(Throwable e) {
        return e instanceof Refused refused && refused.status == 404;
    }

    private static ProblemException unknownProfile() {
        return new ProblemException(422, "unknown-assistant-profile", "Unknown assistant profile",
                "assistantProfileId: no active assistant profile has this id",
                List.of(new Problem.Violation("assistantProfileId",
                        "no active assistant profile has this id")), null);
    }

    private static ProblemException unavailable(Throwable cause) {
        if (!(cause instanceof CircuitBreakerOpenException)) {
            Log.warnf("assistant-service check failed: %s", cause.toString());
        }
        return new ProblemException(503, "dependency-unavailable", "Service unavailable",
                "assistant-service cannot confirm the assistant profile right now; try again shortly",
                List.of(), 10L);
    }
}
