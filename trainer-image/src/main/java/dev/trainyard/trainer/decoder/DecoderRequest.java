package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.BadInputException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One {@code --decoder NAME[:INDEX]} value: a decoder type and optionally which of its candidate
 * head groups (in the order {@link Decoders} lists them; without an index, all of them).
 */
public record DecoderRequest(String name, OptionalInt index) {

    /** Decoder types this implementation knows. */
    public static final String CIFCAF = "cifcaf";
    public static final String CIFDET = "cifdet";

    public DecoderRequest {
        if (!name.equals(CIFCAF) && !name.equals(CIFDET)) {
            throw new BadInputException("--decoder " + name + ": unknown decoder, known: " + CIFCAF + ", " + CIFDET);
        }
        if (index.isPresent() && index.getAsInt() < 0) {
            throw new BadInputException("--decoder " + name + ":" + index.getAsInt() + ": the index must not be negative");
        }
    }

    /**
     * Parses {@code NAME} or {@code NAME:INDEX} (case-insensitive name).
     *
     * @throws BadInputException naming {@code --decoder} and the bad value
     */
    public static DecoderRequest parse(String text) {
        String spec = text.strip();
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new BadInputException("--decoder '" + text + "': expected NAME or NAME:INDEX, e.g. cifcaf:0");
        }
        if (colon < 0) {
            return new DecoderRequest(name, OptionalInt.empty());
        }
        String index = spec.substring(colon + 1);
        try {
            return new DecoderRequest(name, OptionalInt.of(Integer.parseInt(index)));
        } catch (NumberFormatException e) {
            throw new BadInputException("--decoder '" + text + "': the index '" + index
                    + "' is not a number; expected NAME or NAME:INDEX, e.g. cifcaf:0");
        }
    }

    @Override
    public String toString() {
        return index.isPresent() ? name + ":" + index.getAsInt() : name;
    }
}
