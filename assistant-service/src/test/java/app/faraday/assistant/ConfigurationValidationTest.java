package app.faraday.assistant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import app.faraday.kit.testing.TestUser;
import io.quarkus.test.junit.QuarkusTest;

/** Each rule of schemas/assistant-configuration.json, enforced on create; nothing is created when one breaks. */
@QuarkusTest
class ConfigurationValidationTest {

    private final TestUser admin = TestUser.admin();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"temperature\": 2.01}                  | configuration.temperature",
            "{\"temperature\": -0.1}                  | configuration.temperature",
            "{\"temperature\": \"hot\"}               | configuration.temperature",
            "{\"topP\": 1.5}                          | configuration.topP",
            "{\"topP\": -0.01}                        | configuration.topP",
            "{\"maxContextLength\": 100}              | configuration.maxContextLength",
            "{\"maxContextLength\": 200001}           | configuration.maxContextLength",
            "{\"maxContextLength\": 4096.5}           | configuration.maxContextLength",
            "{\"maxOutputTokens\": 0}                 | configuration.maxOutputTokens",
            "{\"frequencyPenalty\": -2.5}             | configuration.frequencyPenalty",
            "{\"presencePenalty\": 2.5}               | configuration.presencePenalty",
            "{\"stopSequences\": [\"a\",\"b\",\"c\",\"d\",\"e\"]} | configuration.stopSequences",
            "{\"stopSequences\": [\"\"]}              | configuration.stopSequences[0]",
            "{\"stopSequences\": [\"x\", \"x\"]}      | configuration.stopSequences",
            "{\"stopSequences\": \"END\"}             | configuration.stopSequences",
            "{\"tools\": [\"shell\"]}                 | configuration.tools[0]",
            "{\"style\": \"sarcastic\"}               | configuration.style",
            "{\"focusAreas\": [\"<script>\"]}         | configuration.focusAreas[0]",
            "{\"apiKey\": \"sk-123\"}                 | configuration",
            "[]                                       | configuration",
            "\"temperature=0.7\"                      | configuration",
    })
    void eachRuleIsEnforced(String configuration, String field) {
        String name = Profiles.uniqueName("Invalid");
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(name, configuration, null))
                .post("/api/v1/assistant-profiles")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith(field)));
        assertNotCreated(name);
    }

    @ParameterizedTest
    @ValueSource(ints = { 8000, 8001 })
    void systemPromptHasALengthLimit(int length) {
        String name = Profiles.uniqueName("Prompt");
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(name, "{\"systemPrompt\": \"" + "x".repeat(length) + "\"}", null))
                .post("/api/v1/assistant-profiles")
                .then().statusCode(length <= 8000 ? 201 : 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}",
            "{\"temperature\": 0, \"topP\": 0, \"frequencyPenalty\": -2, \"presencePenalty\": 2}",
            "{\"temperature\": 2, \"topP\": 1, \"maxContextLength\": 200000,"
                    + " \"stopSequences\": [\"a\",\"b\",\"c\",\"d\"]}",
            "{\"tools\": [\"lesson_search\", \"memory_recall\"], \"focusAreas\": [\"team sports\"],"
                    + " \"style\": \"socratic\"}" })
    void theBoundsThemselvesAreAccepted(String configuration) {
        given().auth().oauth2(admin.token()).contentType("application/json")
                .body(Profiles.body(Profiles.uniqueName("Valid"), configuration, null))
                .post("/api/v1/assistant-profiles")
                .then().statusCode(201);
    }

    private void assertNotCreated(String name) {
        given().auth().oauth2(admin.token()).queryParam("size", 100).get("/api/v1/assistant-profiles")
                .then().statusCode(200).body("items.findAll { it.name == '" + name + "' }.size()", equalTo(0));
    }
}
