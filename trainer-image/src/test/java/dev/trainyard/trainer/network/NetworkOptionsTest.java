package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class NetworkOptionsTest {

    @Command
    static final class Host {
        @Mixin
        NetworkOptions network;
    }

    @Test
    void defaultsAreTheReferences() {
        NetworkConfig config = parse("--basenet", "shufflenetv2k16");

        assertEquals(NetworkConfig.of("shufflenetv2k16"), config);
    }

    @Test
    void everyFlagReachesTheConfig() {
        NetworkConfig config = parse("--basenet", "shufflenetv2k30", "--basenet-weights", "k30.npz",
                "--shufflenetv2k-input-conv2-stride", "2", "--shufflenetv2k-input-conv2-outchannels", "64",
                "--shufflenetv2k-stage4-dilation", "2", "--shufflenetv2k-kernel", "3",
                "--shufflenetv2k-conv5-as-stage", "--shufflenetv2k-group-norm", "--shufflenetv2k-leaky-relu",
                "--resnet-pool0-stride", "0", "--resnet-input-conv-stride", "1", "--resnet-input-conv2-stride", "2",
                "--resnet-block5-dilation", "2");

        assertEquals(new NetworkConfig("shufflenetv2k30",
                new ShuffleNetV2KConfig(2, 64, 2, 3, true, NormKind.GROUP, ActivationKind.LEAKY_RELU),
                new ResNetConfig(0, 1, 2, 2, false),
                Optional.of(Path.of("k30.npz"))), config);
    }

    @Test
    void instanceAndGroupNormExcludeEachOther() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse("--shufflenetv2k-instance-norm", "--shufflenetv2k-group-norm"));

        assertEquals("--shufflenetv2k-instance-norm and --shufflenetv2k-group-norm are mutually exclusive",
                e.getMessage());
    }

    @Test
    void invalidValuesNameTheirFlag() {
        assertEquals("--shufflenetv2k-input-conv2-stride must be 0 (off) or 2, got 3",
                parseFails("--shufflenetv2k-input-conv2-stride", "3"));
        assertEquals("--shufflenetv2k-kernel must be a positive odd number, got 4",
                parseFails("--shufflenetv2k-kernel", "4"));
        assertEquals("--resnet-block5-dilation must be at least 1, got 0", parseFails("--resnet-block5-dilation", "0"));
    }

    @Test
    void unknownBasenetListsTheKnownOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> Basenets.create("resnet19"));

        assertEquals("unknown --basenet 'resnet19', known: shufflenetv2k16, shufflenetv2k20, shufflenetv2kx5, "
                + "shufflenetv2k30, shufflenetv2k44, resnet18, resnet34, resnet50, resnet101, resnet152",
                e.getMessage());
    }

    @Test
    void missingBasenetIsReported() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> NetworkFactory.create(parse(), CocoHeads.keypoints(16, 1, false)));

        assertEquals("--basenet is required, one of: " + String.join(", ", Basenets.NAMES), e.getMessage());
    }

    private static String parseFails(String... args) {
        return assertThrows(BadInputException.class, () -> parse(args)).getMessage();
    }

    private static NetworkConfig parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.network.toConfig();
    }
}
