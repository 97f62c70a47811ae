package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DecoderOptionsTest {

    @Command(name = "eval")
    static final class Eval {
        @Mixin
        DecoderOptions decoder = new DecoderOptions();
    }

    static DecoderConfig parse(String... args) {
        Eval eval = new Eval();
        new CommandLine(eval).parseArgs(args);
        return eval.decoder.toConfig();
    }

    private static void assertRejected(String expectedMessage, String... args) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
    }

    @Test
    void defaultsAreTheReferenceDefaults() {
        DecoderConfig config = parse();
        assertEquals(DecoderConfig.defaults(), config);
        assertEquals(new DecoderConfig(List.of(), 0.2, 0.3, 0.3, 0.15, 0.5, 0.15, false, 0.001, 0.0), config);
        assertFalse(config.denseConnections());
        assertEquals(0.15, config.growthKeypointThreshold());
        assertEquals(0.15, config.nmsKeypointThreshold());
    }

    @Test
    void everyFlagReachesTheConfig() {
        DecoderConfig config = parse("--decoder", "cifcaf:0,cifdet", "--seed-threshold", "0.5", "--cif-th", "0.4",
                "--caf-th", "0.2", "--keypoint-threshold", "0.1", "--keypoint-threshold-rel", "0.3",
                "--instance-threshold", "0.25", "--force-complete-caf-th", "-1", "--dense-connections", "0.5");
        assertEquals(new DecoderConfig(List.of(new DecoderRequest("cifcaf", OptionalInt.of(0)),
                new DecoderRequest("cifdet", OptionalInt.empty())), 0.5, 0.4, 0.2, 0.1, 0.3, 0.25, false, -1, 0.5), config);
        assertEquals(0.2, config.completionCafThreshold(), "-1 falls back to --caf-th");
        assertEquals(List.of(new DecoderRequest("cifcaf", OptionalInt.of(1)), new DecoderRequest("cifdet", OptionalInt.of(0))),
                parse("--decoder", "CifCaf:1", "cifdet:0").requests(), "space-separated as in the reference");
    }

    @Test
    void forceCompletePoseZeroesTheThresholdsTheReferenceZeroes() {
        DecoderConfig config = parse("--force-complete-pose");
        assertEquals(0.0, config.instanceThreshold());
        assertEquals(0.0, config.growthKeypointThreshold());
        assertEquals(0.0, config.growthKeypointThresholdRel());
        assertEquals(0.0, config.nmsKeypointThreshold());
        assertEquals(0.001, config.completionCafThreshold());
        assertEquals(0.3, parse("--force-complete-pose", "--instance-threshold", "0.3").instanceThreshold(),
                "an explicit instance threshold stays");
    }

    @Test
    void theGrowthKeypointThresholdNeverExceedsTheSeedThreshold() {
        DecoderConfig config = parse("--seed-threshold", "0.1");
        assertEquals(0.1, config.growthKeypointThreshold());
        assertEquals(0.15, config.nmsKeypointThreshold());
    }

    @Test
    void denseConnectionsTakeAnOptionalCoupling() {
        assertEquals(1.0, parse("--dense-connections").denseCoupling());
        assertEquals(0.25, parse("--dense-connections", "0.25").denseCoupling());
        assertTrue(parse("--dense-connections", "0.25").denseConnections());
        assertFalse(parse("--dense-connections", "0").denseConnections());
    }

    @Test
    void badValuesAreRejectedNamingTheFlag() {
        assertRejected("--decoder foo: unknown decoder, known: cifcaf, cifdet", "--decoder", "foo");
        assertRejected("--decoder 'cifcaf:x': the index 'x' is not a number", "--decoder", "cifcaf:x");
        assertRejected("--decoder cifcaf:-1: the index must not be negative", "--decoder", "cifcaf:-1");
        assertRejected("--decoder ':0': expected NAME or NAME:INDEX", "--decoder", ":0");
        assertRejected("--decoder posesimilarity: unknown decoder", "--decoder", "posesimilarity");
        assertRejected("--seed-threshold must be a non-negative number, got -0.1", "--seed-threshold", "-0.1");
        assertRejected("--caf-th must be a non-negative number, got NaN", "--caf-th", "NaN");
        assertRejected("--instance-threshold", "--instance-threshold", "Infinity");
        assertRejected("--dense-connections must be a non-negative number", "--dense-connections", "-1");
    }
}
