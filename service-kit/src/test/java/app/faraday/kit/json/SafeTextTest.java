package app.faraday.kit.json;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTextTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "plain", "Größe", "emoji \ud83c\udfc0 ball", "tab\tand\nnewline" })
    void storableTextPasses(String text) {
        assertTrue(SafeText.isSafe(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u0000", "a\u0000b", "\ud800", "x\udc00y", "\ud83d\ud83d", "end\ud83d", "\udfc0\ud83c" })
    void nulAndUnpairedSurrogatesFail(String text) {
        assertFalse(SafeText.isSafe(text));
    }
}
