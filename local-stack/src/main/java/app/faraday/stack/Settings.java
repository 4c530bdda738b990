package app.faraday.stack;

import java.util.Map;

/** What the developer can change through the environment; everything else is convention. */
record Settings(int httpPort, int userPort, int assistantPort, int contentPort, int memoryPort, int embeddedDbPort,
        String dbName, String dbUrl) {

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                port(env, "FARADAY_PORT", 8080),
                port(env, "FARADAY_USER_SERVICE_PORT", 8081),
                port(env, "FARADAY_ASSISTANT_SERVICE_PORT", 8083),
                port(env, "FARADAY_CONTENT_SERVICE_PORT", 8082),
                port(env, "FARADAY_MEMORY_SERVICE_PORT", 8084),
                // Not 5432: a PostgreSQL installed on the machine usually has that one.
                port(env, "FARADAY_DB_PORT", 15432),
                env.getOrDefault("FARADAY_DB_NAME", "faraday"),
                env.getOrDefault("FARADAY_DB_URL", "").strip());
    }

    boolean externalDatabase() {
        return !dbUrl.isEmpty();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
    }
}
