package dev.trainyard.trainer.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.trainyard.trainer.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed reads of the value under a streaming JSON parser's cursor, each problem worded as one
 * line naming the file, position, object and field: {@code f.json: line 3, column 5: annotation
 * 7: field 'bbox' must be 4 numbers}.
 */
final class JsonFields {

    private final Path path;
    private final JsonParser parser;
    private float[] numberBuffer = new float[64];

    JsonFields(Path path, JsonParser parser) {
        this.path = path;
        this.parser = parser;
    }

    long integer(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw error(what + ": field '" + field + "' must be an integer");
        }
        return parser.getLongValue();
    }

    int positiveInt(String what, String field) throws IOException {
        long value = integer(what, field);
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw error(what + ": field '" + field + "' must be a positive integer, got " + value);
        }
        return (int) value;
    }

    double number(String what, String field) throws IOException {
        if (!parser.currentToken().isNumeric()) {
            throw error(what + ": field '" + field + "' must be a number");
        }
        return parser.getDoubleValue();
    }

    /** COCO's {@code iscrowd}: 0 or 1, and booleans are accepted too. */
    boolean flag(String what, String field) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT -> parser.getLongValue() != 0;
            default -> throw error(what + ": field '" + field + "' must be 0 or 1");
        };
    }

    String string(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw error(what + ": field '" + field + "' must be a string");
        }
        return parser.getText();
    }

    float[] numbers(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(what + ": field '" + field + "' must be an array of numbers");
        }
        int n = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (!parser.currentToken().isNumeric()) {
                throw error(what + ": field '" + field + "' must contain only numbers");
            }
            if (n == numberBuffer.length) {
                numberBuffer = Arrays.copyOf(numberBuffer, 2 * n);
            }
            numberBuffer[n++] = parser.getFloatValue();
        }
        return Arrays.copyOf(numberBuffer, n);
    }

    List<String> strings(String what, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(what + ": field '" + field + "' must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            result.add(string(what, field));
        }
        return result;
    }

    /** Fails when a required field of the object that started at {@code start} was absent. */
    void require(Object value, JsonLocation start, String what, String field) {
        if (value == null) {
            throw error(start, what + ": missing required field '" + field + "'");
        }
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
}
