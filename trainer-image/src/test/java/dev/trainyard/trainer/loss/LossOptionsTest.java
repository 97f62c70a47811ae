package dev.trainyard.trainer.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LossOptionsTest {

    @Command(name = "train")
    static final class Train {
        @Mixin
        LossOptions loss = new LossOptions();
    }

    private static LossConfig parse(String... args) {
        Train train = new Train();
        new CommandLine(train).parseArgs(args);
        return train.loss.toConfig();
    }

    private static void assertRejected(String expectedInMessage, String... args) {
        BadInputException e = assertThrows(BadInputException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void defaultsAreTheReferenceDefaults() {
        LossConfig config = parse();
        assertEquals(LossConfig.defaults(), config);
        assertEquals(new LossConfig(List.of(), List.of(), LossConfig.AutoTune.NONE, 0.0, 0.5, 1.0, 5.0, -15.0, 1.0,
                false, 5.0), config);
    }

    @Test
    void everyFlagReachesTheConfig() {
        LossConfig config = parse("--lambdas", "1", "0.5", "--focal-alpha", "0.25", "--focal-gamma", "2",
                "--bce-soft-clamp", "4", "--bce-background-clamp", "-12.5", "--b-scale", "10", "--scale-log",
                "--scale-soft-clamp", "3", "--regression-soft-clamp", "7", "--auto-tune-mtl");
        assertEquals(new LossConfig(List.of(1.0, 0.5), List.of(), LossConfig.AutoTune.KENDALL, 0.0, 0.25, 2.0, 4.0,
                -12.5, 10.0, true, 3.0), config);
        assertEquals(List.of(0.0, 1.0, 2.0),
                parse("--component-lambdas", "0", "1", "2", "--auto-tune-mtl-variance").componentLambdas());
        assertEquals(LossConfig.AutoTune.VARIANCE, parse("--auto-tune-mtl-variance").autoTune());
    }

    @Test
    void badValuesAreRejectedNamingTheFlag() {
        assertRejected("--lambdas", "--lambdas", "1", "-0.5");
        assertRejected("--component-lambdas", "--component-lambdas", "NaN");
        assertRejected("--lambdas and --component-lambdas", "--lambdas", "1", "--component-lambdas", "1");
        assertRejected("--task-sparsity-weight is not implemented", "--task-sparsity-weight", "0.1");
        assertRejected("--focal-gamma", "--focal-gamma", "-1");
        assertRejected("--focal-alpha", "--focal-alpha", "-0.5");
        assertRejected("--b-scale", "--b-scale", "0");
        assertRejected("--scale-soft-clamp", "--scale-soft-clamp", "-1");
        assertRejected("--auto-tune-mtl and --auto-tune-mtl-variance", "--auto-tune-mtl", "--auto-tune-mtl-variance");
    }

    @Test
    void taskSparsityWeightZeroIsAccepted() {
        assertEquals(0.0, parse("--task-sparsity-weight", "0").taskSparsityWeight());
    }
}
