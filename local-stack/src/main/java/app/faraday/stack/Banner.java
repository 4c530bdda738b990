package app.faraday.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** What a developer needs once the stack is up, in one screen. */
final class Banner {

    private Banner() {
    }

    static void print(PrintStream out, int port, List<ServiceSpec> services, DatabaseTarget db, StateDirectory state,
            DemoLogins demo, Duration startup) {
        String base = "http://localhost:" + port;
        String rule = "=".repeat(78);
        out.println();
        out.println(rule);
        out.printf(" Faraday local stack is up (started in %.1f s)%n", startup.toMillis() / 1000.0);
        out.println();
        row(out, "API base URL", base + "/api/v1");
        row(out, "Swagger UI", base + "/q/swagger-ui");
        row(out, "OpenAPI", base + "/q/openapi");
        row(out, "Health", base + "/q/health");
        row(out, "Metrics", base + "/q/metrics");
        for (ServiceSpec service : services) {
            row(out, service.name(), "http://localhost:" + service.port() + "  (Swagger UI: /q/swagger-ui)");
        }
        row(out, "Database", db.describe());
        row(out, "Logs", state.logs() + "/");
        out.println();
        out.println(" Demo logins (Springfield district; passwords kept in " + state.secrets() + "):");
        out.printf("   %-30s %s%n", DemoLogins.ADMIN_EMAIL, demo.adminPassword());
        out.printf("   %-30s %s%n", DemoLogins.TEACHER_EMAIL, demo.teacherPassword());
        out.println("   All 32 demo teachers (james.carter@springfield.edu, ...) share the teacher password.");
        out.println();
        out.println(" Sign in:");
        out.println("   curl -s -X POST " + base
                + "/api/v1/auth/login -H 'Content-Type: application/json' -d '{\"email\":\""
                + DemoLogins.TEACHER_EMAIL + "\",\"password\":\"" + demo.teacherPassword() + "\"}'");
        out.println();
        out.println(" Press Ctrl-C to stop everything.");
        out.println(rule);
        out.flush();
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(" %-18s %s%n", label, value);
    }
}
