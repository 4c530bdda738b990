package app.faraday.assistant;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.assistant.config.AssistantConfig;
import app.faraday.assistant.rest.dto.UsageCountResponse;
import app.faraday.assistant.rest.dto.UsageReport;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Counts uses of a profile per user and UTC day and holds each user to the profile's daily quota.
 * One statement both checks the quota and counts the use, so concurrent uses are neither lost nor
 * let past the quota.
 */
@ApplicationScoped
public class UsageService {

    // The day and the seconds left in it come from the database's clock, the same one that picks the row.
    private static final String RECORD = """
            with used as (
                insert into assistant.assistant_usage as u (profile_id, user_id, day, uses)
                values (?1, assistant.app_user_id(), (now() at time zone 'UTC')::date, 1)
                on conflict (profile_id, day, user_id)
                    do update set uses = u.uses + 1, last_used_at = now() where u.uses < ?2
                returning u.uses)
            select (select uses from used), ((now() at time zone 'UTC')::date)::text,
                ceil(extract(epoch from date_trunc('day', now() at time zone 'UTC') + interval '1 day'
                    - (now() at time zone 'UTC')))::int""";

    private final AssistantProfileService profiles;
    private final Transactions tx;
    private final AssistantConfig config;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public UsageService(AssistantProfileService profiles, Transactions tx, AssistantConfig config,
            MeterRegistry registry) {
        this.profiles = profiles;
        this.tx = tx;
        this.config = config;
        this.registry = registry;
    }

    /** Counts one use by the caller, or refuses it with 429 and the seconds until the next UTC day. */
    public Uni<UsageCountResponse> record(Caller caller, int profileId) {
        if (caller.userId() == null) {
            throw ProblemException.forbidden("uses are counted per user: call with a user's token");
        }
        return tx.runWithSession(caller, session -> profiles.visible(profileId).chain(profile -> {
            if (!profile.active) {
                throw ProblemException.conflict("this assistant profile is inactive");
            }
            int quota = quotaOf(profile);
            return session.createNativeQuery(RECORD, Object[].class)
                    .setParameter(1, profileId).setParameter(2, quota)
                    .getSingleResult()
                    .map(row -> new Outcome(row[0] == null ? null : ((Number) row[0]).intValue(),
                            LocalDate.parse((String) row[1]), ((Number) row[2]).longValue(), quota));
        })).map(outcome -> {
            // Counted once the transaction has committed, so the metrics never count a use that was rolled back.
            if (outcome.uses() == null) {
                counter("faraday.assistant.quota.refusals", profileId).increment();
                throw new ProblemException(429, "quota-exceeded", "Daily quota used up",
                        "you have used this assistant " + outcome.quota() + " times today (UTC), its daily quota;"
                                + " it is available again at midnight UTC",
                        List.of(), outcome.secondsLeft());
            }
            counter("faraday.assistant.uses", profileId).increment();
            return new UsageCountResponse(profileId, outcome.day(), outcome.uses(), outcome.quota(),
                    Math.max(0, outcome.quota() - outcome.uses()));
        });
    }

    /** What the counting statement answered: the new count, or null when the quota refused the use. */
    private record Outcome(Integer uses, LocalDate day, long secondsLeft, int quota) {
    }

    /**
     * Uses per day between {@code from} and {@code to}: a teacher's own, or for admins everyone's
     * (or one user's, with {@code userId}).
     */
    public Uni<UsageReport> report(Caller caller, int profileId, LocalDate from, LocalDate to, UUID userId) {
        if (!caller.isAdmin() && userId != null && !userId.equals(caller.userId())) {
            throw ProblemException.forbidden("teachers see their own usage only");
        }
        UUID who = caller.isAdmin() ? userId : caller.userId();
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) >= config.usageHistoryDays()) {
            throw ProblemException.invalid("from", "a report covers at most " + config.usageHistoryDays() + " days");
        }
        String sql = "select day::text, sum(uses), count(*) from assistant.assistant_usage"
                + " where profile_id = ?1 and day between ?2 and ?3" + (who == null ? "" : " and user_id = ?4")
                + " group by day order by day desc";
        return tx.runWithSession(caller, session -> profiles.visible(profileId).chain(profile -> {
            var query = session.createNativeQuery(sql, Object[].class)
                    .setParameter(1, profileId).setParameter(2, first).setParameter(3, last);
            if (who != null) {
                query.setParameter(4, who);
            }
            return query.getResultList().map(rows -> new UsageReport(profileId, first, last, who, quotaOf(profile),
                    rows.stream().map(r -> new UsageReport.Day(LocalDate.parse((String) r[0]),
                            ((Number) r[1]).longValue(), ((Number) r[2]).longValue())).toList()));
        }));
    }

    private int quotaOf(AssistantProfile profile) {
        return profile.dailyQuota != null ? profile.dailyQuota : config.defaultDailyQuota();
    }

    /** Looked up once per profile, not built on every use. */
    private Counter counter(String name, int profileId) {
        return counters.computeIfAbsent(name + ' ' + profileId,
                k -> Counter.builder(name).tag("profile", String.valueOf(profileId)).register(registry));
    }
}
