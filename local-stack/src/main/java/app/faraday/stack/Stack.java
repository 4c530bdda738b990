package app.faraday.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.faraday.kit.db.EmbeddedDatabaseServer;

/**
 * What the launcher has started, and stopping it in the right order: the services first, while their
 * database is still there to close their connections cleanly, then the database. Starting and stopping
 * hold the same lock, so a Ctrl-C during a start waits for it and then stops what it started.
 */
final class Stack {

    private static final Duration GRACE = Duration.ofSeconds(15);

    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private EmbeddedDatabaseServer database;
    private boolean stopped;

    synchronized EmbeddedDatabaseServer startDatabase(Path data, Path work, int port) throws IOException {
        refuseWhenStopping();
        // The stack's data lives on in .faraday/: what it acknowledged must survive a crash.
        database = EmbeddedDatabaseServer.start(data, work, port, EmbeddedDatabaseServer.Durability.DURABLE);
        return database;
    }

    synchronized ServiceProcess launch(ServiceSpec spec, Map<String, String> env, Path log) throws IOException {
        refuseWhenStopping();
        ServiceProcess service = ServiceProcess.start(spec, env, log);
        services.add(service);
        return service;
    }

    /** Blocks until a service exits, whatever the reason. */
    ServiceProcess awaitAnyExit() {
        List<CompletableFuture<ServiceProcess>> exits;
        synchronized (this) {
            exits = services.stream().map(ServiceProcess::onExit).toList();
        }
        return (ServiceProcess) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * Whether a stop has begun, waiting up to {@code wait} for one: a Ctrl-C in the terminal reaches the
     * services too, and one may exit a moment before the launcher's own shutdown starts.
     */
    boolean stopRequested(Duration wait) throws InterruptedException {
        return stopRequested.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isStopping() {
        return stopRequested.getCount() == 0;
    }

    /** Idempotent; runs in the shutdown hook, so it must neither exit nor throw. */
    void stop() {
        stopRequested.countDown(); // before the lock, so that a start in progress sees it as soon as it can
        stopAll();
    }

    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        System.out.println();
        System.out.println("Stopping the local stack...");
        try {
            // All at once, so that one grace period covers them all.
            services.forEach(ServiceProcess::requestStop);
            long deadline = System.nanoTime() + GRACE.toNanos();
            for (ServiceProcess service : services) {
                service.awaitStopped(deadline);
                System.out.println("  " + service.spec().name() + " stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (database != null) {
            try {
                database.close();
                System.out.println("  PostgreSQL stopped");
            } catch (IOException | RuntimeException e) {
                System.out.println("  PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private void refuseWhenStopping() {
        if (isStopping()) {
            throw new IllegalStateException("the stack is stopping");
        }
    }
}
