package dev.trainyard.trainer.metric;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Typed reads of the value under a streaming JSON parser's cursor for the metric's files, in
 * doubles as Python's {@code json} reads them (the training reader keeps float32, which would move
 * box corners by up to 1e-5 px and could flip an IoU at a threshold). Problems become one line
 * naming the file, position, entry and field.
 */
final class JsonValues {

    /** Python's {@code json.dump} writes NaN and Infinity; reading them lets the checks name them. */
    static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path path;
    private final JsonParser parser;
    private double[] buffer = new double[64];

    JsonValues(Path path, JsonParser parser) {
        this.path = path;
        this.parser = parser;
    }

    long integer(String what, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            // Python compares 7.0 == 7 as equal keys; accept integral floats the same way.
            double value = parser.getDoubleValue();
            if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
                return (long) value;
            }
        }
        throw error(what + ": field '" + field + "' must be an integer");
    }

    double number(String what, String field) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            throw error(what + ": field '" + field + "' must be a number");
        }
        return parser.getDoubleValue();
    }

    /** COCO's {@code iscrowd}: any non-zero number or {@code true}. */
    boolean flag(String what, String field) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue() != 0;
            default -> throw error(what + ": field '" + field + "' must be 0 or 1");
        };
    }

    /** An array of numbers; non-finite values are returned as read, for the caller to name. */
    double[] numbers(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(what + ": field '" + field + "' must be an array of numbers");
        }
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!parser.currentToken().isNumeric()) {
                throw error(what + ": field '" + field + "' must contain only numbers");
            }
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, 2 * n);
            }
            buffer[n++] = parser.getDoubleValue();
        }
        return Arrays.copyOf(buffer, n);
    }

    static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A problem at the current token. */
    BadInputException error(String message) {
        return error(parser.currentTokenLocation(), message);
    }

    BadInputException error(JsonLocation location, String message) {
        return new BadInputException(path + ": " + position(location) + ": " + message);
    }

    static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
