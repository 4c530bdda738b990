package app.faraday.kit.db;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops Hibernate's HHH90000034 ("Refreshing/locking detached entities is no longer allowed"). Hibernate
 * Reactive asks for the deprecated option behind it on every refresh, so it is logged after every write
 * that reads back database-set columns, for entities that are not detached at all. Every other
 * deprecation warning still shows.
 */
@LoggingFilter(name = "hibernate-refresh-notice")
public class HibernateRefreshNoticeFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.contains("HHH90000034");
    }
}
