package app.faraday.content;

import app.faraday.kit.testing.ServiceJarProcess;

/** The real assistant-service, for the profile check and its deletion feed. */
public class AssistantServiceProcess extends ServiceJarProcess {

    static final String URL_PROPERTY = "faraday.test.assistant-service-url";

    public AssistantServiceProcess() {
        super("assistant-service", "assistant", "quarkus.rest-client.assistant-service.url", URL_PROPERTY);
    }
}
