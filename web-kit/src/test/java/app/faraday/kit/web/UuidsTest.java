package app.faraday.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidsTest {

    @ParameterizedTest
    @ValueSource(strings = { "a-b-c-d-e", "1-1-1-1-1", "0000000-0000-0000-0000-000000000001",
            "00000000-0000-0000-0000-0000000000001",
            "{00000000-0000-0000-0000-000000000001}", "00000000000000000000000000000001", "assistant-service", "",
            " 5b1f3c1e-2a4d-4e0b-9a8c-1f2e3d4c5b6a", "5b1f3c1e-2a4d-4e0b-9a8c-1f2e3d4c5b6g" })
    void onlyTheCanonicalFormIsAUuid(String value) {
        assertNull(Uuids.parseOrNull(value), value);
    }

    @ParameterizedTest
    @ValueSource(strings = { "5b1f3c1e-2a4d-4e0b-9a8c-1f2e3d4c5b6a", "5B1F3C1E-2A4D-4E0B-9A8C-1F2E3D4C5B6A" })
    void canonicalUuidsParse(String value) {
        assertEquals(UUID.fromString(value), Uuids.parseOrNull(value));
    }
}
