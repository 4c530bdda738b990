package app.faraday.user;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.faraday.kit.error.ProblemException;
import app.faraday.user.rest.dto.ServiceTokenRequest;
import app.faraday.user.rest.dto.TokenResponse;
import app.faraday.user.security.TokenIssuer;

/**
 * The client-credentials exchange for service-to-service calls: a configured client id and secret
 * for a short-lived token with the {@code service} role, which user endpoints refuse.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Pattern CLIENT = Pattern.compile("([a-z][a-z0-9-]{1,62}):([0-9a-f]{64})");

    /** Client id → SHA-256 of its secret. */
    private final Map<String, byte[]> clients;
    private final TokenIssuer issuer;

    /**
     * @param clients {@code FARADAY_SERVICE_CLIENTS}: {@code <client id>:<sha256 hex of its secret>}, comma
     *                separated; only hashes are configured here, the secrets live with the clients
     */
    public ServiceTokens(@ConfigProperty(name = "faraday.service-clients") Optional<String> clients, TokenIssuer issuer) {
        this.clients = parse(clients.orElse(""));
        this.issuer = issuer;
    }

    static Map<String, byte[]> parse(String spec) {
        Map<String, byte[]> parsed = new HashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher m = CLIENT.matcher(entry.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("faraday.service-clients entries are <client-id>:<64 hex digits of"
                        + " the secret's SHA-256>");
            }
            parsed.put(m.group(1), HexFormat.of().parseHex(m.group(2)));
        }
        return Map.copyOf(parsed);
    }

    public TokenResponse exchange(ServiceTokenRequest request) {
        byte[] expected = clients.get(request.clientId());
        byte[] presented = Hashes.sha256(request.clientSecret());
        // Compared in constant time, and against something even for unknown clients.
        if (!MessageDigest.isEqual(presented, expected == null ? new byte[32] : expected) || expected == null) {
            throw ProblemException.unauthorized("the client id or secret is not correct");
        }
        TokenIssuer.AccessToken token = issuer.serviceToken(request.clientId());
        return new TokenResponse(token.token(), "Bearer", token.expiresInSeconds(), null);
    }
}
