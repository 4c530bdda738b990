package app.faraday.kit.events;

import java.util.Map;

/**
 * What a service does with another service's feed: a bean implementing this is all a consuming
 * service writes; {@link FeedSubscriptions} reads the feed, keeps the cursor and retries.
 */
public interface FeedSubscription {

    /**
     * The publishing service's name: its entry under {@code faraday.feeds.sources}, and the token scope
     * {@code feed:<name>}.
     */
    String feed();

    /**
     * A handler per event type this feed publishes, run in the transaction that also moves the cursor;
     * handlers are idempotent (events arrive at least once). An event of any other type is logged and
     * skipped: no feed can make a service apply another feed's events.
     */
    Map<String, FeedConsumer.Handler> handlers();
}
