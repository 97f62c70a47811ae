package dev.trainyard.trainer.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.head.CocoHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parameter paths are the PyTorch state-dict keys of torchvision's and the reference's modules. */
class BackbonePathsTest {

    @Test
    void resnet18PathsAreTorchvisionStateDictKeysWithoutClassifierAndCounters() {
        List<String> expected = new ArrayList<>();
        expected.add("conv1.weight");
        addBatchNorm(expected, "bn1");
        for (int layer = 1; layer <= 4; layer++) {
            for (int block = 0; block < 2; block++) {
                String prefix = "layer" + layer + "." + block + ".";
                for (int conv = 1; conv <= 2; conv++) {
                    expected.add(prefix + "conv" + conv + ".weight");
                    addBatchNorm(expected, prefix + "bn" + conv);
                }
                if (layer > 1 && block == 0) {
                    expected.add(prefix + "downsample.0.weight");
                    addBatchNorm(expected, prefix + "downsample.1");
                }
            }
        }

        assertEquals(Set.copyOf(expected), ParameterPaths.of(Basenets.create("resnet18")).keySet());
    }

    @Test
    void resnet50HasTorchvisions265TensorsBesidesFcAndCounters() {
        // torchvision's resnet50 state dict: 320 keys = 265 + fc.weight, fc.bias + 53 num_batches_tracked
        var paths = ParameterPaths.of(Basenets.create("resnet50"));

        assertEquals(265, paths.size());
        assertTrue(paths.containsKey("layer3.5.conv3.weight"));
        assertTrue(paths.containsKey("layer1.0.downsample.1.running_var"));
    }

    @Test
    void shufflenetPathsFollowTheReferenceModules() {
        var paths = ParameterPaths.of(Basenets.create("shufflenetv2k16"));

        for (String key : List.of("input_block.0.0.weight", "input_block.0.1.running_mean",
                "stage2.0.branch1.0.weight", "stage2.0.branch1.3.bias",
                "stage2.3.branch2.5.weight", "stage2.3.branch2.6.weight",
                "stage3.7.branch2.3.weight", "conv5.0.weight", "conv5.1.running_var")) {
            assertTrue(paths.containsKey(key), key);
        }
        assertTrue(paths.keySet().stream().noneMatch(key -> key.startsWith("stage2.1.branch1")));
    }

    @Test
    void networkPathsFollowTheReferenceShell() {
        PoseNetwork network = NetworkFactory.create(NetworkConfig.of("resnet18"), CocoHeads.keypoints(16, 1, false));

        var paths = ParameterPaths.of(network);

        assertTrue(paths.containsKey("base_net.layer4.1.bn2.weight"));
        assertTrue(paths.containsKey("head_nets.0.conv.weight"));
        assertTrue(paths.containsKey("head_nets.1.conv.bias"));
    }

    private static void addBatchNorm(List<String> keys, String prefix) {
        for (String name : List.of("weight", "bias", "running_mean", "running_var")) {
            keys.add(prefix + "." + name);
        }
    }
}
