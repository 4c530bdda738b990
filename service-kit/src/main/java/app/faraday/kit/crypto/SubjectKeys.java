package app.faraday.kit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import app.faraday.kit.error.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One 256-bit data key per data subject (a teacher), kept in the schema's {@code subject_keys} table
 * wrapped by a master key from configuration ({@link CryptoConfig}). A service encrypts that subject's
 * sensitive values with it ({@link DataKey#encrypt}) and derives keyed hashes from it
 * ({@link DataKey#mac}); erasing the subject deletes the row, after which nothing encrypted or hashed
 * under it can be read or matched again (crypto-shredding). Runs inside the caller's transaction, so the
 * row-level security of {@code subject_keys} applies: a teacher's transaction reaches only their own key.
 */
@ApplicationScoped
public class SubjectKeys {

    private static final String DATA_KEY_ID = "dk";

    private final CryptoConfig config;
    private final String schema;
    private final SecureRandom random = new SecureRandom();
    private volatile FieldCipher masters;

    public SubjectKeys(CryptoConfig config,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.config = config;
        this.schema = schema;
    }

    /** A subject's data key, unwrapped, for this transaction's work only. */
    public static final class DataKey {

        private final UUID subject;
        private final FieldCipher cipher;
        private final byte[] key;
        private final Map<String, SecretKeySpec> purposeKeys = new HashMap<>();

        DataKey(UUID subject, byte[] key) {
            this.subject = subject;
            this.key = key.clone();
            this.cipher = new FieldCipher(Map.of(DATA_KEY_ID, key), DATA_KEY_ID);
        }

        public UUID subject() {
            return subject;
        }

        /** Encrypts a value of this subject's, bound to its cell with the subject as owner. */
        public String encrypt(String plaintext, String table, String column, String rowId) {
            return cipher.encrypt(plaintext, new FieldCipher.Cell(table, column, rowId, subject.toString()));
        }

        public String decrypt(String stored, String table, String column, String rowId) {
            return cipher.decrypt(stored, new FieldCipher.Cell(table, column, rowId, subject.toString()));
        }

        /**
         * HMAC-SHA256 of {@code value} under a key derived from the data key for {@code purpose}, so a
         * hash made for one purpose (duplicate detection, a blind search index) matches nothing of another.
         */
        public byte[] mac(String purpose, String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                // Derived once per purpose: a blind index hashes every word of a text with the same one.
                mac.init(purposeKeys.computeIfAbsent(purpose, this::derive));
                return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JVM has HmacSHA256", e);
            }
        }

        private SecretKeySpec derive(String purpose) {
            try {
                Mac derive = Mac.getInstance("HmacSHA256");
                derive.init(new SecretKeySpec(key, "HmacSHA256"));
                return new SecretKeySpec(derive.doFinal(("faraday-mac:" + purpose).getBytes(StandardCharsets.UTF_8)),
                        "HmacSHA256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JVM has HmacSHA256", e);
            }
        }
    }

    /** Fails at start of a service that encrypts, rather than at its first sensitive write. */
    public void requireConfigured() {
        masters();
    }

    public String activeMasterKeyId() {
        return masters().activeKeyId();
    }

    /** The subject's key, or null when they have none (nothing of theirs was encrypted, or they were erased). */
    public Uni<DataKey> find(Mutiny.Session session, UUID subject) {
        return lookup(session, subject).map(row -> row == null || row.isEmpty() ? null : unwrap(subject, row.get()));
    }

    /**
     * The subject's key, made and stored on first use; concurrent first uses agree on one key. An erased
     * subject gets none (null): what would be encrypted for them is to be dropped instead.
     */
    public Uni<DataKey> findOrCreateUnlessErased(Mutiny.Session session, UUID subject) {
        return lookup(session, subject).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found.isEmpty() ? null : unwrap(subject, found.get()));
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            FieldCipher wrapping = masters();
            String wrapped = wrapping.encrypt(Base64.getEncoder().encodeToString(key), cell(subject));
            return session.createNativeQuery("insert into " + schema + ".subject_keys (subject, master_key_id, wrapped)"
                    + " values (?1, ?2, ?3) on conflict (subject) do nothing")
                    .setParameter(1, subject).setParameter(2, wrapping.activeKeyId()).setParameter(3, wrapped)
                    .executeUpdate()
                    .chain(() -> find(session, subject));
        });
    }

    /** As {@link #findOrCreateUnlessErased}, for a subject storing something new: an erased one may not (403). */
    public Uni<DataKey> findOrCreate(Mutiny.Session session, UUID subject) {
        return findOrCreateUnlessErased(session, subject).onItem().ifNull()
                .failWith(() -> ProblemException.forbidden("this account was erased"));
    }

    /**
     * The keys of several subjects, one lookup after another on the session (it serves one statement at a
     * time); a subject without one maps to null. {@code create}: made for a living subject that has none,
     * as {@link #findOrCreateUnlessErased}.
     */
    public Uni<Map<UUID, DataKey>> findEach(Mutiny.Session session, Set<UUID> subjects, boolean create) {
        Map<UUID, DataKey> found = new HashMap<>();
        return Multi.createFrom().iterable(subjects)
                .onItem().transformToUniAndConcatenate(subject -> (create ? findOrCreateUnlessErased(session, subject)
                        : find(session, subject)).invoke(key -> found.put(subject, key)).replaceWith(subject))
                .collect().last().replaceWith(found);
    }

    /** The stored wrapping: null when there is no row, empty when the row is an erased subject's tombstone. */
    private Uni<Optional<String>> lookup(Mutiny.Session session, UUID subject) {
        return session.createNativeQuery("select coalesce(wrapped, '') from " + schema
                + ".subject_keys where subject = ?1", String.class).setParameter(1, subject).getResultList()
                .map(rows -> rows.isEmpty() ? null : Optional.of(rows.get(0)).filter(w -> !w.isEmpty()));
    }

    /**
     * Crypto-shreds the subject's data and leaves a tombstone, so no key is made for them again; true when
     * there was a key. The subject, an admin or the service role.
     */
    public Uni<Boolean> forget(Mutiny.Session session, UUID subject) {
        return session.createNativeQuery("select " + schema + ".subject_key_forget(?1)", Boolean.class)
                .setParameter(1, subject).getSingleResult();
    }

    /**
     * Re-wraps up to {@code limit} data keys still wrapped by a retired master key with the active one
     * (service role); answers how many it moved. Once none is left, the retired key can leave the
     * configuration, and backups that hold data keys wrapped only by it become unreadable.
     */
    public Uni<Integer> rewrap(Mutiny.Session session, int limit) {
        FieldCipher wrapping = masters();
        return session.createNativeQuery("select cast(subject as text), wrapped from " + schema
                + ".subject_keys_to_rewrap(?1, ?2)", Object[].class)
                .setParameter(1, wrapping.activeKeyId()).setParameter(2, limit).getResultList()
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> {
                    UUID subject = UUID.fromString((String) row[0]);
                    String old = (String) row[1];
                    String key = wrapping.decrypt(old, cell(subject));
                    return session.createNativeQuery("select " + schema + ".subject_key_rewrapped(?1, ?2, ?3, ?4)",
                            Boolean.class)
                            .setParameter(1, subject).setParameter(2, old).setParameter(3, wrapping.activeKeyId())
                            .setParameter(4, wrapping.encrypt(key, cell(subject))).getSingleResult();
                }).collect().asList())
                .map(moved -> (int) moved.stream().filter(Boolean.TRUE::equals).count());
    }

    private DataKey unwrap(UUID subject, String wrapped) {
        return new DataKey(subject, Base64.getDecoder().decode(masters().decrypt(wrapped, cell(subject))));
    }

    private FieldCipher.Cell cell(UUID subject) {
        return new FieldCipher.Cell(schema + ".subject_keys", "wrapped", subject.toString());
    }

    private FieldCipher masters() {
        FieldCipher current = masters;
        if (current == null) {
            String spec = config.masterKeys().filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "faraday.crypto.master-keys (FARADAY_MASTER_KEYS) is not set: give <id>:<base64 of 32 random"
                            + " bytes>, e.g. k1:$(openssl rand -base64 32); docs/configuration.md"));
            current = FieldCipher.fromSpec(spec, config.activeMasterKey().orElse(null));
            masters = current;
        }
        return current;
    }
}
