package app.faraday.user.rest.dto;

import java.util.List;

/** Grade levels K and 1-12, in school order. */
public final class GradeLevels {

    public static final String PATTERN = "^(K|[1-9]|1[0-2])$";
    public static final String MESSAGE = "must be one of K, 1, 2, ... 12";
    static final List<String> ORDER = List.of("K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");

    private GradeLevels() {
    }

    /** Without duplicates, in school order. */
    public static List<String> normalise(List<String> levels) {
        return levels == null ? List.of() : ORDER.stream().filter(levels::contains).toList();
    }
}
