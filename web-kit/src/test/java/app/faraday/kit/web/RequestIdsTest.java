package app.faraday.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Our request ids are random version-4 UUIDs, distinct from one another. */
class RequestIdsTest {

    @Test
    void idsAreVersionFourUuidsOfTheIetfVariantAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString());
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
    }
}
