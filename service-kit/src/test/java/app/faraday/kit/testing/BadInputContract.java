package app.faraday.kit.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.restassured.response.ValidatableResponse;

/**
 * Bad input that every writing endpoint of every service must answer the same way: a clear 4xx
 * problem+json that leaks nothing, and nothing changed. A service's {@code BadInputTest} extends it
 * (with {@code @QuarkusTest}), lists its writing endpoints with a valid body each, says what must not
 * change, and adds the cases only it has.
 */
public abstract class BadInputContract {

    /**
     * One writing endpoint.
     *
     * @param token       the bearer token to send, or null for a public endpoint
     * @param contentType the media type it reads ({@code application/json}, {@code application/merge-patch+json})
     * @param validBody   a body the endpoint would accept; the cases below break it
     */
    public record Endpoint(String method, String path, Supplier<String> token, String contentType, String validBody) {

        public static Endpoint json(String method, String path, Supplier<String> token, String validBody) {
            return new Endpoint(method, path, token, "application/json", validBody);
        }

        public static Endpoint mergePatch(String path, Supplier<String> token, String validBody) {
            return new Endpoint("PATCH", path, token, "application/merge-patch+json", validBody);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    protected abstract List<Endpoint> writingEndpoints();

    /**
     * A description of everything the endpoints could change (counts, rows as text): equal before and after. Called
     * after {@link #writingEndpoints()}.
     */
    protected abstract String state() throws Exception;

    /** The answer is a problem with this status that says nothing of the service's insides. */
    protected static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("title", not(emptyOrNullString()))
                .body("requestId", not(emptyOrNullString()))
                .body(not(containsString("Exception"))).body(not(containsString("app.faraday")))
                .body(not(containsString("java."))).body(not(containsString("_key")));
    }

    private static RequestSpecification as(Endpoint endpoint) {
        RequestSpecification request = given();
        String token = endpoint.token() == null ? null : endpoint.token().get();
        return token == null ? request : request.auth().oauth2(token);
    }

    private static ValidatableResponse send(Endpoint endpoint, String contentType, String body) {
        return as(endpoint).contentType(contentType).header("If-Match", "\"1\"").body(body)
                .request(endpoint.method(), endpoint.path()).then();
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        List<Endpoint> endpoints = writingEndpoints();
        String before = state();
        for (Endpoint endpoint : endpoints) {
            for (String body : new String[] { "{", "{\"a\": }", "not json", "[1, 2]", "{\"a\": 1} trailing" }) {
                problem(send(endpoint, endpoint.contentType(), body), 400).body("detail", notNullValue());
            }
        }
        assertEquals(before, state());
    }

    @Test
    void anotherMediaTypeIsA415() throws Exception {
        List<Endpoint> endpoints = writingEndpoints();
        String before = state();
        for (Endpoint endpoint : endpoints) {
            problem(send(endpoint, "text/plain", endpoint.validBody()), 415);
        }
        assertEquals(before, state());
    }

    @Test
    void textTheDatabaseCannotStoreIsA400() throws Exception {
        List<Endpoint> endpoints = writingEndpoints();
        String before = state();
        for (Endpoint endpoint : endpoints) {
            for (String escape : new String[] { "\\u0000", "\\ud800" }) {
                problem(send(endpoint, endpoint.contentType(),
                        withFirstString(endpoint.validBody(), "x" + escape)), 400)
                        .body("detail", containsString("NUL"));
            }
        }
        assertEquals(before, state());
    }

    @Test
    void aTenMegabyteBodyIsRefusedBeforeItIsSent() throws Exception {
        List<Endpoint> endpoints = writingEndpoints();
        String before = state();
        for (Endpoint endpoint : endpoints) {
            String token = endpoint.token() == null ? null : endpoint.token().get();
            String response = declareBody(endpoint.method(), endpoint.path(), 10 * 1024 * 1024, token);
            assertTrue(response.startsWith("HTTP/1.1 413"), endpoint + ": " + response);
            assertTrue(response.toLowerCase().contains("content-type: application/problem+json"),
                    endpoint + ": " + response);
        }
        assertEquals(before, state());
    }

    /** The body with its first string value replaced (a JSON fragment, e.g. {@code "x\\u0000"}). */
    static String withFirstString(String body, String replacement) {
        Matcher m = Pattern.compile(":\\s*\"(?:[^\"\\\\]|\\\\.)*\"").matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("the valid body has no string value to break: " + body);
        }
        return body.substring(0, m.start()) + ": \"" + replacement + "\"" + body.substring(m.end());
    }

    /**
     * Declares a body of {@code length} bytes with Expect: 100-continue, as careful clients do, and
     * reads the answer: a refusal must come before the client uploads anything.
     */
    protected static String declareBody(String method, String path, int length, String token) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\nExpect: 100-continue\r\nIf-Match: \"1\"\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** Reads one response (head and Content-Length body) without waiting for the connection to close. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
