package app.faraday.kit.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.db.Transactions;
import app.faraday.kit.security.Caller;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Reads another service's feed and applies each event once: the event's effects and the advanced
 * cursor (table {@code feed_cursors} in the consumer's own schema) commit in one transaction, so a
 * crash or a failed event means the event is read again, never lost and never half applied. Events
 * are still delivered at least once across a failure, so handlers are idempotent (delete by id,
 * clear a reference), which makes a repeat harmless. Failures are retried with exponential back-off.
 */
public class FeedConsumer {

    /** What a consumer does with one event, inside the transaction that also moves the cursor. */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> apply(FeedEvent event, Mutiny.Session session);
    }

    /** Where the consumer's service token comes from, as an Authorization header value. */
    @FunctionalInterface
    public interface TokenSource {
        Uni<String> bearer();
    }

    /**
     * @param feed    the publishing service's name, which also names the cursor
     * @param baseUri the publishing service, which serves {@code /internal/events}
     * @param schema  the consuming service's schema, whose {@code feed_cursors} holds the cursor
     */
    public record Settings(String feed, URI baseUri, String schema, Duration pollInterval,
            Duration maxBackoff, int batchSize) {
    }

    private final Settings settings;
    private final Handler handler;
    private final Transactions tx;
    private final FeedClient client;
    private final TokenSource tokens;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Service tokens from user-service at {@code tokenUri} for these client credentials, cached until shortly before
     * they expire.
     */
    public static TokenSource clientCredentials(URI tokenUri, String clientId, String clientSecret) {
        return new ClientCredentials(client(tokenUri), clientId, clientSecret);
    }

    public FeedConsumer(Settings settings, Handler handler, Transactions tx, TokenSource tokens) {
        this.settings = settings;
        this.handler = handler;
        this.tx = tx;
        this.client = client(settings.baseUri());
        this.tokens = tokens;
    }

    private static FeedClient client(URI uri) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .build(FeedClient.class);
    }

    private Caller caller() {
        return Caller.service("feed-" + settings.feed());
    }

    /** The position this consumer has applied up to (0 before the first event). */
    public Uni<Long> position() {
        return tx.runWithSession(caller(), session -> session
                .createNativeQuery("select position from " + settings.schema() + ".feed_cursors where feed = ?1",
                        Long.class)
                .setParameter(1, settings.feed()).getResultList())
                .map(rows -> rows.isEmpty() ? 0L : rows.get(0));
    }

    /** Reads one batch and applies it event by event; answers how many events were applied. */
    public Uni<Integer> pollOnce() {
        return position().chain(after -> tokens.bearer()
                        .chain(auth -> client.events(auth, after, settings.batchSize())))
                .chain(page -> applyAll(page, 0, 0));
    }

    private Uni<Integer> applyAll(FeedPage page, int index, int applied) {
        if (index >= page.events().size()) {
            return Uni.createFrom().item(applied);
        }
        FeedEvent event = page.events().get(index);
        return tx.runWithSession(caller(), session -> handler.apply(event, session)
                .chain(() -> session.createNativeQuery("insert into " + settings.schema() + ".feed_cursors"
                        + " (feed, position)"
                        + " values (?1, ?2) on conflict (feed) do update set position = excluded.position,"
                        + " updated_at = now()"
                        + " where " + settings.schema() + ".feed_cursors.position < excluded.position")
                        .setParameter(1, settings.feed()).setParameter(2, event.position()).executeUpdate()))
                .chain(() -> applyAll(page, index + 1, applied + 1));
    }

    /** Polls until {@link #stop()}: at the poll interval while healthy, backing off while failing. */
    public void start(Vertx vertx) {
        if (running.compareAndSet(false, true)) {
            schedule(vertx, Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    public void stop() {
        running.set(false);
    }

    private void schedule(Vertx vertx, Duration delay, Duration backoff) {
        if (!running.get()) {
            return;
        }
        // A new duplicated context per poll, flagged safe as Hibernate Reactive requires; deferred so
        // that even an assembly failure reaches the back-off instead of ending the loop.
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(this::pollOnce).subscribe().with(
                    applied -> schedule(vertx, applied > 0 ? Duration.ZERO : settings.pollInterval(),
                            Duration.ofSeconds(1)),
                    failure -> {
                        Log.warnf("feed %s: %s; retrying in %s", settings.feed(), failure.toString(), backoff);
                        Duration next = backoff.multipliedBy(2);
                        schedule(vertx, backoff,
                                next.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : next);
                    }));
        });
    }

    /** Service tokens by client credentials, cached until a minute before they expire. */
    static final class ClientCredentials implements TokenSource {

        private final FeedClient client;
        private final FeedClient.ServiceCredentials credentials;
        // Shared by every feed of the service; two concurrent refreshes would only fetch twice.
        private volatile String token;
        private volatile Instant expires = Instant.MIN;

        ClientCredentials(FeedClient client, String clientId, String clientSecret) {
            this.client = client;
            this.credentials = new FeedClient.ServiceCredentials(clientId, clientSecret);
        }

        @Override
        public Uni<String> bearer() {
            if (token != null && Instant.now().isBefore(expires)) {
                return Uni.createFrom().item(token);
            }
            return client.serviceToken(credentials).map(json -> {
                token = "Bearer " + json.path("accessToken").asText();
                expires = Instant.now().plusSeconds(Math.max(0, json.path("expiresIn").asLong() - 60));
                return token;
            });
        }
    }
}
