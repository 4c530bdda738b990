package app.faraday.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The services run with laptop-sized heaps unless FARADAY_JAVA_OPTS says otherwise. */
class JvmOptionsTest {

    @Test
    void withoutASettingEveryServiceGetsTheSmallSerialHeap() {
        for (String unset : new String[] { null, "", "   " }) {
            List<String> options = ServiceProcess.jvmOptions(unset);
            assertTrue(options.contains("-XX:+UseSerialGC") && options.contains("-Xmx128m"), options.toString());
        }
    }

    @Test
    void theSettingReplacesTheDefaultsWordForWord() {
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC", "-Dfoo=bar"),
                ServiceProcess.jvmOptions("  -Xmx1g   -XX:+UseG1GC -Dfoo=bar "));
    }
}
