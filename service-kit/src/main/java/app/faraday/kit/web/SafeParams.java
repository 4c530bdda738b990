package app.faraday.kit.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import app.faraday.kit.error.ProblemException;
import app.faraday.kit.error.Problems;
import app.faraday.kit.json.SafeText;
import io.vertx.core.http.HttpServerRequest;

/**
 * Query and path parameters as {@link SafeText} checks body strings: a {@code %00} (or an unpaired
 * surrogate) is a 400 naming the parameter before any resource method runs, instead of a value
 * PostgreSQL refuses.
 */
public class SafeParams {

    @ServerRequestFilter
    public Response refuseUnsafe(UriInfo uri, HttpServerRequest request) {
        String unsafe = firstUnsafe(uri.getQueryParameters());
        if (unsafe == null) {
            unsafe = firstUnsafe(uri.getPathParameters());
        }
        return unsafe == null ? null : Problems.response(ProblemException.invalid(unsafe, SafeText.MESSAGE), request);
    }

    private static String firstUnsafe(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!SafeText.isSafe(parameter.getKey())) {
                return "query parameter name";
            }
            for (String value : parameter.getValue()) {
                if (value != null && !SafeText.isSafe(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }
}
