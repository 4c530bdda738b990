package app.faraday.kit.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import app.faraday.kit.json.SafeText;
import app.faraday.kit.web.StrictParams;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

/** Turns every failure into RFC 9457 problem+json; unknown ones into a 500 without internals. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.response(e, request);
    }

    @ServerExceptionMapper
    public Response validation(ResteasyReactiveViolationException e, HttpServerRequest request) {
        return violations(e, request);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, HttpServerRequest request) {
        return violations(e, request);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response jackson(JsonProcessingException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return Problems.response(ProblemException.unauthorized("a valid bearer token is required"), request);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return Problems.response(ProblemException.unauthorized("the bearer token is missing, expired or invalid"),
                request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(ProblemException.forbidden("your role does not allow this"), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (status == 400 && json != null) {
            return json(json, request);
        }
        if (e instanceof StrictParams.BadParameter) {
            return Problems.response(ProblemException.badRequest(e.getMessage()), request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "this resource answers application/json only";
            case 413 -> "the request body is too large";
            case 415 -> "send the body as application/json";
            default -> title;
        };
        if (status >= 500) {
            Log.errorf(e, "request failed with %d", status);
        }
        return Problems.response(status, slug(status), title, detail, request);
    }

    @ServerExceptionMapper
    public Response unknown(Throwable e, HttpServerRequest request) {
        DatabaseErrors.Failure database = DatabaseErrors.find(e);
        if (database != null) {
            ProblemException mapped = DatabaseErrors.toProblem(database);
            if (mapped.status() >= 500) {
                Log.errorf(e, "database failure %s", database.sqlState());
            }
            return Problems.response(mapped, request);
        }
        ProblemException problem = cause(e, ProblemException.class);
        if (problem != null) {
            return Problems.response(problem, request);
        }
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json != null) {
            return json(json, request); // a body read by the service itself, e.g. a merge patch
        }
        Log.errorf(e, "unexpected failure");
        return Problems.response(500, "internal", "Internal server error",
                "something went wrong on our side; quote the request id when reporting it", request);
    }

    private static Response violations(ConstraintViolationException e, HttpServerRequest request) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (returnValue) {
            return unknownFromValidation(e, request);
        }
        List<Problem.Violation> list = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return Problems.response(ProblemException.invalid(list), request);
    }

    private static Response unknownFromValidation(ConstraintViolationException e, HttpServerRequest request) {
        Log.errorf(e, "response failed validation");
        return Problems.response(500, "internal", "Internal server error",
                "something went wrong on our side; quote the request id when reporting it", request);
    }

    /** Says what is wrong with the JSON in the client's terms: never Java class names. */
    private static Response json(JsonProcessingException e, HttpServerRequest request) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        }
        if (e instanceof SafeText.UnsafeTextException unsafe) {
            if (field == null) { // a whole body read as a tree, e.g. a merge patch: the pointer names the field
                return Problems.response(ProblemException.invalid(pointerAsField(unsafe.pointer()), SafeText.MESSAGE),
                        request);
            }
            String where = unsafe.pointer().isEmpty() ? "" : " (at " + unsafe.pointer() + ")";
            return Problems.response(ProblemException.invalid(field, SafeText.MESSAGE + where), request);
        }
        if (e instanceof UnrecognizedPropertyException) {
            return Problems.response(ProblemException.invalid(field, "is not a property of this request"), request);
        }
        if (e instanceof MismatchedInputException mismatch && field != null) {
            return Problems.response(ProblemException.invalid(field, "must be " + expected(mismatch.getTargetType())),
                    request);
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String detail = e instanceof MismatchedInputException ? "the body must be a JSON object"
                : "the body is not valid JSON" + where;
        return Problems.response(400, "malformed-json", "Malformed JSON", detail, request);
    }

    /** {@code /lessonData/safetyNotes/0} as the violations name it: {@code lessonData.safetyNotes[0]}. */
    static String pointerAsField(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String token : pointer.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (Boolean.class == type || boolean.class == type) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** The client's view of a violation path: {@code register.body.email} becomes {@code email}. */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        int skip = !nodes.isEmpty() && nodes.get(0).getKind() == ElementKind.METHOD ? Math.min(2, nodes.size() - 1) : 0;
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : nodes.subList(skip, nodes.size())) {
            String name = node.getName();
            if (name == null || name.startsWith("<")) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    sb.append('[').append(node.getKey()).append(']');
                }
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(name);
        }
        return sb.isEmpty() ? path.toString() : sb.toString();
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
