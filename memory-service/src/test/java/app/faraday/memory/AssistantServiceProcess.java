package app.faraday.memory;

import app.faraday.kit.testing.ServiceJarProcess;

/** The real assistant-service: memories name its profiles, and it publishes their deletion. */
public class AssistantServiceProcess extends ServiceJarProcess {

    static final String URL_PROPERTY = "faraday.test.assistant-service-url";

    public AssistantServiceProcess() {
        super("assistant-service", "assistant", "quarkus.rest-client.assistant-service.url", URL_PROPERTY);
    }
}
