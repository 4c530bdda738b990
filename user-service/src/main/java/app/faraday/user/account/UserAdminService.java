package app.faraday.user.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.faraday.kit.db.Flush;
import app.faraday.kit.db.Transactions;
import app.faraday.kit.error.ProblemException;
import app.faraday.kit.security.Caller;
import app.faraday.user.auth.SessionService;
import app.faraday.user.rest.dto.AdminUpdateUserRequest;
import app.faraday.user.rest.dto.UserPage;
import app.faraday.user.rest.dto.UserResponse;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** What administrators do with accounts: find, read, change, deactivate, grant roles. */
@ApplicationScoped
public class UserAdminService {

    private final UserRepository users;
    private final SessionService sessions;
    private final Transactions tx;

    public UserAdminService(UserRepository users, SessionService sessions, Transactions tx) {
        this.users = users;
        this.sessions = sessions;
        this.tx = tx;
    }

    /** Pages of users, filtered by words in email, name or school, and by the active flag. */
    public Uni<UserPage> list(Caller caller, String q, Boolean active, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.add("(lower(email) like :q escape '!' or lower(name) like :q escape '!'"
                    + " or lower(coalesce(school, '')) like :q escape '!')");
            params = params.and("q", "%" + escapeLike(q.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (active != null) {
            where.add("active = :active");
            params = params.and("active", active);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        Parameters finalParams = params;
        return tx.run(caller, () -> {
            var found = users.find(query, Sort.by("name").and("email"), finalParams).page(Page.of(page, size));
            return found.list().chain(list -> found.count()
                    .map(total -> new UserPage(list.stream().map(UserResponse::of).toList(), page, size, total)));
        });
    }

    public Uni<User> get(Caller caller, UUID id) {
        return tx.run(caller, () -> users.findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no such user"));
    }

    /** Changes an account; deactivating it also ends its sessions. The database keeps one active admin. */
    public Uni<User> update(Caller caller, UUID id, AdminUpdateUserRequest patch) {
        UserService.requireName(patch);
        if (patch.has("active") && patch.getActive() == null) {
            throw ProblemException.invalid("active", "must be true or false");
        }
        if (patch.has("roles") && patch.getRoles() == null) {
            throw ProblemException.invalid("roles", "must not be null");
        }
        return tx.run(caller, () -> users.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no such user"))
                .chain(user -> {
                    boolean deactivated = patch.has("active") && user.active && !patch.getActive();
                    UserService.apply(user, patch);
                    if (patch.has("active")) {
                        user.active = patch.getActive();
                    }
                    if (patch.has("roles")) {
                        user.roles = new ArrayList<>(patch.getRoles().stream().distinct().sorted().toList());
                    }
                    return Flush.andRefresh(user)
                            .call(() -> deactivated ? sessions.revokeAll(user.id) : Uni.createFrom().voidItem());
                }));
    }

    private static String escapeLike(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
