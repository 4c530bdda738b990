package app.faraday.user.account;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;

import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.json.JsonSchemas;
import app.faraday.kit.security.Caller;
import app.faraday.user.rest.dto.Preferences;
import io.smallrye.mutiny.Uni;

/** Display and notification preferences: one row per user. */
@ApplicationScoped
public class PreferencesService {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private final UserPreferencesRepository preferences;
    private final Transactions tx;
    private final ObjectMapper mapper;
    private final JsonSchema notificationsSchema = JsonSchemas.load("notifications");

    public PreferencesService(UserPreferencesRepository preferences, Transactions tx, ObjectMapper mapper) {
        this.preferences = preferences;
        this.tx = tx;
        this.mapper = mapper;
    }

    public Uni<Preferences> get(Caller caller) {
        return tx.run(caller, () -> preferences.findById(caller.userId()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no preferences for this user"))
                .map(this::toDto);
    }

    public Uni<Preferences> replace(Caller caller, Preferences request) {
        validate(request);
        Map<String, Object> notifications = mapper.convertValue(request.notifications(), new TypeReference<>() {
        });
        return tx.run(caller, () -> preferences.findById(caller.userId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no preferences for this user"))
                .invoke(p -> {
                    p.theme = request.theme();
                    p.language = Locale.forLanguageTag(request.language()).toLanguageTag();
                    p.timezone = request.timezone();
                    p.notifications = notifications;
                })
                .chain(Flush::andRefresh))
                .map(this::toDto);
    }

    private void validate(Preferences request) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (!isLanguageTag(request.language())) {
            violations.add(new Problem.Violation("language", "must be a BCP 47 language tag such as en-US or es"));
        }
        if (!isZone(request.timezone())) {
            violations.add(new Problem.Violation("timezone", "must be an IANA time zone such as America/Chicago"));
        }
        violations.addAll(JsonSchemas.violations(notificationsSchema, "notifications", request.notifications()));
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }

    static boolean isLanguageTag(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            String language = locale.getLanguage();
            return language.length() == 3 || LANGUAGES.contains(language);
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    static boolean isZone(String zone) {
        if (!ZONES.contains(zone)) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private Preferences toDto(UserPreferences p) {
        JsonNode notifications = mapper.valueToTree(p.notifications);
        return Preferences.of(p, notifications);
    }
}
