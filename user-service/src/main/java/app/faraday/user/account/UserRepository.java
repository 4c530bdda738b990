package app.faraday.user.account;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** What sign-in needs about one email, read through the narrow SECURITY DEFINER function. */
    public record Credentials(UUID id, String passwordHash, boolean active, String roles) {
    }


    public Uni<Credentials> credentials(String email) {
        return getSession().chain(session -> session
                .createNativeQuery("select id, password_hash, active, roles from users.login_lookup(?1)",
                        Object[].class)
                .setParameter(1, email)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : toCredentials(rows.get(0)));
    }

    private static Credentials toCredentials(Object[] row) {
        return new Credentials((UUID) row[0], (String) row[1], (Boolean) row[2], (String) row[3]);
    }
}
