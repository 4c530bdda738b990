package app.faraday.user.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import app.faraday.kit.error.Problem;
import app.faraday.kit.error.ProblemException;
import app.faraday.user.config.PasswordConfig;

/**
 * The password policy of api-contract.md, after NIST SP 800-63B: a minimum length, bcrypt's 72-byte
 * ceiling (refused, never truncated), no common or guessable passwords (zxcvbn, which knows the common
 * password lists and keyboard and repetition patterns), nothing built from the user's email or name,
 * and no composition rules.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MAX_BYTES = 72;
    /** Name parts shorter than this are too common inside other words to refuse on. */
    private static final int MIN_NAME_PART = 3;

    private final PasswordConfig config;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicy(PasswordConfig config) {
        this.config = config;
    }

    /** Refuses the password with a 400 naming every rule it breaks. */
    public void check(String field, String password, String email, String name) {
        List<String> problems = problems(password, email, name);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems.stream().map(p -> new Problem.Violation(field, p)).toList());
        }
    }

    List<String> problems(String password, String email, String name) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < config.minLength()) {
            problems.add("must be at least " + config.minLength() + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add("must be at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt's limit);"
                    + " use fewer or simpler characters");
            return problems;
        }
        if (containsPersonalData(password, email, name)) {
            problems.add("must not contain your email address or name");
        }
        if (problems.isEmpty()) {
            Strength strength = zxcvbn.measure(password, personalWords(email, name));
            if (strength.getScore() < config.minStrength()) {
                problems.add("is too easy to guess (a common password or a simple pattern); try a few unrelated words");
            }
        }
        return problems;
    }

    private static boolean containsPersonalData(String password, String email, String name) {
        String lower = password.toLowerCase(Locale.ROOT);
        for (String word : personalWords(email, name)) {
            if (word.length() >= MIN_NAME_PART && lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> personalWords(String email, String name) {
        List<String> words = new ArrayList<>();
        if (email != null && !email.isBlank()) {
            String e = email.toLowerCase(Locale.ROOT).strip();
            words.add(e);
            int at = e.indexOf('@');
            if (at > 0) {
                String local = e.substring(0, at);
                words.add(local);
                for (String part : local.split("[._+-]")) {
                    words.add(part);
                }
            }
        }
        if (name != null && !name.isBlank()) {
            String n = name.toLowerCase(Locale.ROOT).strip();
            words.add(n.replaceAll("\\s+", ""));
            for (String part : n.split("[\\s.'-]+")) {
                words.add(part);
            }
        }
        words.removeIf(w -> w.length() < MIN_NAME_PART);
        return words;
    }
}
