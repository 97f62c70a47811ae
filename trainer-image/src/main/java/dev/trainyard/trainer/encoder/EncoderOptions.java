package dev.trainyard.trainer.encoder;

import picocli.CommandLine.Option;

/** The encoder flags as a picocli mixin; commands turn it into an {@link EncoderConfig}. */
public final class EncoderOptions {

    @Option(names = "--cocokp-bmin", defaultValue = "0.1", paramLabel = "PIXELS",
            description = "b_min of the CIF and CAF regressions in pixels (default: ${DEFAULT-VALUE})")
    double keypointBmin = EncoderConfig.DEFAULT.keypointBmin();

    @Option(names = "--cif-side-length", defaultValue = "4", paramLabel = "CELLS",
            description = "edge of the square CIF patch in field cells (default: ${DEFAULT-VALUE})")
    int cifSideLength = EncoderConfig.DEFAULT.cifSideLength();

    @Option(names = "--caf-min-size", defaultValue = "3", paramLabel = "CELLS",
            description = "edge of the neighbourhood around each CAF sample (default: ${DEFAULT-VALUE})")
    int cafMinSize = EncoderConfig.DEFAULT.cafMinSize();

    /**
     * The parsed flags as a config.
     *
     * @throws dev.trainyard.trainer.BadInputException naming the flag with an invalid value
     */
    public EncoderConfig toConfig() {
        return new EncoderConfig(keypointBmin, cifSideLength, cafMinSize);
    }
}
