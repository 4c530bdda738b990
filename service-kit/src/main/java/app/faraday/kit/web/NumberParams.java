package app.faraday.kit.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Whole-number query and path parameters. JAX-RS answers 404 when one does not parse (the spec reads
 * "?week=x" as naming a resource that does not exist); for a query parameter that is bad input, so
 * it is a 400 problem here. A path parameter that does not parse still names no resource: 404.
 */
@Provider
public class NumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        boolean query = false;
        for (Annotation annotation : annotations) {
            if (annotation instanceof jakarta.ws.rs.QueryParam || annotation instanceof org.jboss.resteasy.reactive.RestQuery) {
                query = true;
            }
        }
        if (!query) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Whole<>(Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Whole<>(Long::valueOf);
        }
        return null;
    }

    /** A query parameter that does not parse; its message is written for the client. */
    public static final class BadParameter extends BadRequestException {
        BadParameter(String message) {
            super(message);
        }
    }

    private record Whole<N>(java.util.function.Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (NumberFormatException e) {
                throw new BadParameter("a query parameter must be a whole number, not '" + shorten(value) + "'");
            }
        }

        @Override
        public String toString(N value) {
            return String.valueOf(value);
        }

        private static String shorten(String value) {
            return value.length() > 20 ? value.substring(0, 20) + "..." : value;
        }
    }
}
