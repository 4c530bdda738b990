package app.faraday.user.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.faraday.kit.error.ProblemException;
import app.faraday.user.rest.dto.ServiceTokenRequest;
import app.faraday.user.rest.dto.TokenResponse;
import io.quarkus.runtime.Startup;

/**
 * The client-credentials exchange for service-to-service calls: a configured client id and secret
 * for a short-lived token with the {@code service} role, which user endpoints refuse, and the scopes
 * configured for that client, which the publishers check (a feed is read only with {@code feed:<publisher>}).
 */
@ApplicationScoped
@Startup // a malformed FARADAY_SERVICE_CLIENTS stops the service at start, not at the first exchange
public class ServiceTokens {

    private static final Pattern CLIENT = Pattern.compile(
            "([a-z][a-z0-9-]{1,62}):([0-9a-f]{64})(?::((?:[a-z]+:[a-z0-9-]+)(?: [a-z]+:[a-z0-9-]+)*))?");

    /** A registered client: the SHA-256 of its secret, and what its tokens may do. */
    record Client(byte[] secretHash, Set<String> scopes) {
    }

    private final Map<String, Client> clients;
    private final TokenIssuer issuer;

    /**
     * @param clients {@code FARADAY_SERVICE_CLIENTS}: {@code <client id>:<sha256 hex of its secret>:<scopes>},
     *                comma separated, scopes separated by spaces
     *                (e.g. {@code feed:user-service feed:assistant-service});
     *                only hashes are configured here, the secrets live with the clients
     */
    public ServiceTokens(@ConfigProperty(name = "faraday.service-clients") Optional<String> clients,
            TokenIssuer issuer) {
        this.clients = parse(clients.orElse(""));
        this.issuer = issuer;
    }

    static Map<String, Client> parse(String spec) {
        Map<String, Client> parsed = new HashMap<>();
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher m = CLIENT.matcher(entry.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("faraday.service-clients entries are <client-id>:<64 hex digits of"
                        + " the secret's SHA-256>:<scopes separated by spaces, such as feed:user-service>");
            }
            Set<String> scopes = m.group(3) == null ? Set.of() : Set.copyOf(Arrays.asList(m.group(3).split(" ")));
            if (parsed.put(m.group(1), new Client(HexFormat.of().parseHex(m.group(2)), scopes)) != null) {
                throw new IllegalArgumentException("faraday.service-clients lists client " + m.group(1) + " twice");
            }
        }
        return Map.copyOf(parsed);
    }

    public TokenResponse exchange(ServiceTokenRequest request) {
        Client client = clients.get(request.clientId());
        byte[] presented = Sha256.of(request.clientSecret());
        // Compared in constant time, and against something even for unknown clients.
        if (!MessageDigest.isEqual(presented, client == null ? new byte[32] : client.secretHash()) || client == null) {
            throw ProblemException.unauthorized("the client id or secret is not correct");
        }
        TokenIssuer.AccessToken token = issuer.serviceToken(request.clientId(), client.scopes());
        return new TokenResponse(token.token(), "Bearer", token.expiresInSeconds(), null);
    }
}
