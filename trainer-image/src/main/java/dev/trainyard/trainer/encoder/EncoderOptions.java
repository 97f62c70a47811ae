package dev.trainyard.trainer.encoder;

import picocli.CommandLine.Option;

/**
 * The encoders' global flags as a picocli mixin ({@code --cif-side-length}, {@code --caf-min-size},
 * shared by every keypoint data module, as the reference's encoder flags); b_min is a data module's
 * flag ({@code --cocokp-bmin}).
 */
public final class EncoderOptions {

    @Option(names = "--cif-side-length", defaultValue = "4", paramLabel = "CELLS",
            description = "edge of the square CIF patch in field cells (default: ${DEFAULT-VALUE})")
    int cifSideLength = EncoderConfig.DEFAULT.cifSideLength();

    @Option(names = "--caf-min-size", defaultValue = "3", paramLabel = "CELLS",
            description = "edge of the neighbourhood around each CAF sample (default: ${DEFAULT-VALUE})")
    int cafMinSize = EncoderConfig.DEFAULT.cafMinSize();

    /**
     * The parsed flags as a config with the default b_min (data modules set their own).
     *
     * @throws dev.trainyard.trainer.BadInputException naming the flag with an invalid value
     */
    public EncoderConfig toConfig() {
        return new EncoderConfig(EncoderConfig.DEFAULT.keypointBmin(), cifSideLength, cafMinSize);
    }
}
