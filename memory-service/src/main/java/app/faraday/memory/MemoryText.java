package app.faraday.memory;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import app.faraday.kit.crypto.SubjectKeys;

/**
 * The keyed hashes that let the database compare a teacher's memories without reading them: the
 * duplicate key of a content, and the blind index of a sensitive memory's words. Both are made under
 * the teacher's own data key, so equal words of two teachers hash apart, and erasing the key makes
 * them meaningless.
 */
final class MemoryText {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    static final int MAX_TERMS = 512;
    /** Enough that a chance collision among one teacher's words is negligible; short enough to index. */
    private static final int TERM_BYTES = 12;
    // The commonest English words match nearly every memory, so they would only add noise to a blind
    // match (and tell more about a memory's length than its meaning).
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by",
            "for", "from", "has", "have", "he", "her", "his", "i", "in", "is", "it", "its", "my", "of", "on", "or",
            "our", "she", "so", "that", "the", "their", "them", "they", "this", "to", "was", "we", "were", "with",
            "you", "your");

    private MemoryText() {
    }

    /** What "the same content" means: trimmed, case-folded, spaces collapsed, Unicode compatibility-normalised. */
    static String normalise(String content) {
        String folded = Normalizer.normalize(content, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SPACES.matcher(folded.strip()).replaceAll(" ");
    }

    static byte[] contentKey(SubjectKeys.DataKey key, String content) {
        return key.mac("memory-content", normalise(content));
    }

    /** The blind index of a text: a keyed hash per distinct word, common words and one letter left out. */
    static String[] terms(SubjectKeys.DataKey key, String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : words(text)) {
            byte[] mac = key.mac("memory-terms", word);
            out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, TERM_BYTES)));
            if (out.size() == MAX_TERMS) {
                break;
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * The words that count: lowercase letters and digits, without common words, and a plural "s" or
     * possessive "'s" dropped so "cones" finds "cone" (the only stemming a blind index can do here).
     */
    static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String raw : NON_WORD.split(normalise(text).replace("'s ", " ").replace("’s ", " "))) {
            String word = raw.length() > 3 && raw.endsWith("s") && !raw.endsWith("ss")
                    ? raw.substring(0, raw.length() - 1) : raw;
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }
}
