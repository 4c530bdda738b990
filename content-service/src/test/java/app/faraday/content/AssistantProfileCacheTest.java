package app.faraday.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import app.faraday.assistant.client.AssistantProfileCheck;
import app.faraday.assistant.client.AssistantProfilesClient;
import app.faraday.kit.error.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * What AssistantProfileCheck remembers: "active" for its lifetime, never "inactive", nothing once told a
 * profile was deleted, nothing with a lifetime of 0. Against a client that counts its calls (the real
 * assistant-service is in AssistantProfileCheckTest).
 */
class AssistantProfileCacheTest {

    private final Map<Integer, Boolean> activeAtAssistant = new HashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final AssistantProfilesClient client = (id, authorization, requestId) -> {
        calls.incrementAndGet();
        return Uni.createFrom().item(new AssistantProfilesClient.Profile(id, "Coach", activeAtAssistant.get(id)));
    };

    private AssistantProfileCheck remembering(Duration lifetime) {
        return new AssistantProfileCheck(client, lifetime, nanos::get);
    }

    private static void check(AssistantProfileCheck check, int profile) {
        check.requireActive(profile, "Bearer t", "r").await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void anActiveProfileIsAskedForOncePerLifetime() {
        activeAtAssistant.put(1, true);
        AssistantProfileCheck check = remembering(Duration.ofMillis(300));
        check(check, 1);
        check(check, 1);
        check(check, 1);
        assertEquals(1, calls.get());

        activeAtAssistant.put(1, false);
        nanos.addAndGet(Duration.ofMillis(299).toNanos());
        check(check, 1);
        assertEquals(1, calls.get(), "still within its lifetime");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        ProblemException refused = assertThrows(ProblemException.class, () -> check(check, 1));
        assertEquals(422, refused.status());
        assertEquals(2, calls.get());
    }

    @Test
    void inactiveIsNeverRemembered() {
        activeAtAssistant.put(2, false);
        AssistantProfileCheck check = remembering(Duration.ofMinutes(5));
        assertThrows(ProblemException.class, () -> check(check, 2));
        activeAtAssistant.put(2, true);
        check(check, 2);
        assertEquals(2, calls.get());
    }

    @Test
    void aForgottenProfileIsAskedForAgain() {
        activeAtAssistant.put(3, true);
        AssistantProfileCheck check = remembering(Duration.ofMinutes(5));
        check(check, 3);
        check.forget(3);
        activeAtAssistant.put(3, false);
        assertThrows(ProblemException.class, () -> check(check, 3));
        assertEquals(2, calls.get());
    }

    @Test
    void aLifetimeOfZeroAsksEveryTime() {
        activeAtAssistant.put(4, true);
        AssistantProfileCheck check = remembering(Duration.ZERO);
        check(check, 4);
        check(check, 4);
        assertEquals(2, calls.get());
    }
}
