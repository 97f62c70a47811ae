package dev.trainyard.trainer.decoder;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The decoder flags of the reference (a picocli mixin), with its names and defaults. */
public final class DecoderOptions {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderOptions.class);

    @Option(names = "--decoder", arity = "1..*", split = ",", paramLabel = "NAME[:INDEX]",
            description = "Decoders to run: cifcaf or cifdet, optionally with the index of the head group "
                    + "(cifcaf:0 = the first CIF head followed by a CAF head). Default: the first candidate, "
                    + "cifcaf before cifdet.")
    List<String> decoder;

    @Option(names = "--seed-threshold", paramLabel = "<th>", defaultValue = "0.2",
            description = "Minimum threshold for seeds (default: ${DEFAULT-VALUE}).")
    double seedThreshold;

    @Option(names = "--cif-th", paramLabel = "<th>", defaultValue = "0.3",
            description = "CIF threshold: cells below it do not vote in the high-resolution map (default: ${DEFAULT-VALUE}).")
    double cifThreshold;

    @Option(names = "--caf-th", paramLabel = "<th>", defaultValue = "0.3",
            description = "CAF threshold (default: ${DEFAULT-VALUE}).")
    double cafThreshold;

    @Option(names = "--keypoint-threshold", paramLabel = "<th>", defaultValue = "0.15",
            description = "Filter keypoints by score (default: ${DEFAULT-VALUE}).")
    double keypointThreshold;

    @Option(names = "--keypoint-threshold-rel", paramLabel = "<th>", defaultValue = "0.5",
            description = "Filter keypoint connections by score relative to the start joint (default: ${DEFAULT-VALUE}).")
    double keypointThresholdRel;

    @Option(names = "--instance-threshold", paramLabel = "<th>",
            description = "Filter instances by score (default: 0.0 with --force-complete-pose and 0.15 otherwise).")
    Double instanceThreshold;

    @Option(names = "--force-complete-pose",
            description = "Give every pose every keypoint (sets the keypoint thresholds to 0).")
    boolean forceCompletePose;

    @Option(names = "--force-complete-caf-th", paramLabel = "<th>", defaultValue = "0.001",
            description = "CAF threshold for force complete; -1 uses --caf-th (default: ${DEFAULT-VALUE}).")
    double forceCompleteCafThreshold;

    @Option(names = "--dense-connections", arity = "0..1", paramLabel = "<coupling>", defaultValue = "0",
            fallbackValue = "1.0",
            description = "Decode with the dense CAF head as well (needs a network with one, e.g. --cocokp-with-dense). "
                    + "As in the reference's C++ decoder, any coupling above 0 switches it on and its value is "
                    + "not used otherwise (default: off; without a value: 1).")
    double denseCoupling;

    /**
     * The immutable configuration these flags describe.
     *
     * @throws dev.trainyard.trainer.BadInputException naming the flag with an invalid value
     */
    public DecoderConfig toConfig() {
        List<DecoderRequest> requests = decoder == null ? List.of()
                : decoder.stream().filter(s -> !s.isBlank()).map(DecoderRequest::parse).toList();
        double instance = instanceThreshold != null ? instanceThreshold
                : forceCompletePose ? 0.0 : DecoderConfig.DEFAULT_INSTANCE_THRESHOLD;
        DecoderConfig config = new DecoderConfig(requests, seedThreshold, cifThreshold, cafThreshold,
                keypointThreshold, keypointThresholdRel, instance, forceCompletePose, forceCompleteCafThreshold,
                denseCoupling);
        if (!forceCompletePose && seedThreshold < keypointThreshold) {
            LOG.warn("consistency: decreasing the growth keypoint threshold {} to the seed threshold {}",
                    keypointThreshold, seedThreshold);
        }
        return config;
    }
}
