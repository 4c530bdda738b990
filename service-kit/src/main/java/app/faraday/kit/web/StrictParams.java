package app.faraday.kit.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Whole-number and UUID parameters, read strictly. JAX-RS answers 404 when a query parameter does
 * not parse (the spec reads "?week=x" as naming a resource that does not exist); that is bad input,
 * so it is a 400 problem here. A path parameter that does not parse still names no resource: 404.
 * UUIDs must be canonical ({@link Uuids}), in paths and queries alike.
 */
@Provider
public class StrictParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        boolean query = false;
        for (Annotation annotation : annotations) {
            if (annotation instanceof jakarta.ws.rs.QueryParam
                    || annotation instanceof org.jboss.resteasy.reactive.RestQuery) {
                query = true;
            }
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Strict<UUID>(query, "a UUID", value -> {
                UUID uuid = Uuids.parseOrNull(value);
                if (uuid == null) {
                    throw new IllegalArgumentException(value);
                }
                return uuid;
            });
        }
        if (!query) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Strict<>(true, "a whole number", value -> Integer.valueOf(value.strip()));
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Strict<>(true, "a whole number", value -> Long.valueOf(value.strip()));
        }
        return null;
    }

    /** A query parameter that does not parse; its message is written for the client. */
    public static final class BadParameter extends BadRequestException {
        BadParameter(String message) {
            super(message);
        }
    }

    private record Strict<V>(boolean query, String expected, Function<String, V> parse) implements ParamConverter<V> {

        @Override
        public V fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) { // NumberFormatException included
                if (!query) {
                    throw new NotFoundException();
                }
                throw new BadParameter("a query parameter must be " + expected + ", not '" + shorten(value) + "'");
            }
        }

        @Override
        public String toString(V value) {
            return String.valueOf(value);
        }

        private static String shorten(String value) {
            return value.length() > 20 ? value.substring(0, 20) + "..." : value;
        }
    }
}
