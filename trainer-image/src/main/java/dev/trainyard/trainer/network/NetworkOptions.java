package dev.trainyard.trainer.network;

import dev.trainyard.trainer.BadInputException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The network flags of the reference ({@code --basenet}, {@code --shufflenetv2k-*},
 * {@code --resnet-*}) plus {@code --basenet-weights}, as a picocli mixin.
 */
public final class NetworkOptions {

    private static final ShuffleNetV2KConfig SHUFFLENET = ShuffleNetV2KConfig.DEFAULTS;
    private static final ResNetConfig RESNET = ResNetConfig.DEFAULTS;

    @Option(names = "--basenet", paramLabel = "NAME", completionCandidates = KnownBasenets.class,
            description = "Base network, one of: ${COMPLETION-CANDIDATES}.")
    String basenet;

    @Option(names = "--basenet-weights", paramLabel = "FILE",
            description = "Pretrained backbone weights: a .npz of a PyTorch state dict (e.g. torchvision's) "
                    + "or DJL parameters of a backbone or network.")
    Path basenetWeights;

    @Option(names = "--shufflenetv2k-input-conv2-stride", paramLabel = "STRIDE",
            description = "Stride of an optional second input convolution: 0 (off) or 2. Default: ${DEFAULT-VALUE}.")
    int shufflenetInputConv2Stride = SHUFFLENET.inputConv2Stride();

    @Option(names = "--shufflenetv2k-input-conv2-outchannels", paramLabel = "N",
            description = "Out channels of the second input convolution (0: the stem's). Default: ${DEFAULT-VALUE}.")
    int shufflenetInputConv2OutChannels = SHUFFLENET.inputConv2OutChannels();

    @Option(names = "--shufflenetv2k-stage4-dilation", paramLabel = "D",
            description = "Dilation of stage 4 (above 1 it replaces the stride). Default: ${DEFAULT-VALUE}.")
    int shufflenetStage4Dilation = SHUFFLENET.stage4Dilation();

    @Option(names = "--shufflenetv2k-kernel", paramLabel = "K",
            description = "Depthwise kernel width. Default: ${DEFAULT-VALUE}.")
    int shufflenetKernel = SHUFFLENET.kernel();

    @Option(names = "--shufflenetv2k-conv5-as-stage",
            description = "Two shuffle units instead of the final 1x1 convolution.")
    boolean shufflenetConv5AsStage = SHUFFLENET.conv5AsStage();

    @Option(names = "--shufflenetv2k-instance-norm", description = "Instance norm instead of batch norm.")
    boolean shufflenetInstanceNorm;

    @Option(names = "--shufflenetv2k-group-norm", description = "Group norm instead of batch norm.")
    boolean shufflenetGroupNorm;

    @Option(names = "--shufflenetv2k-leaky-relu", description = "Leaky ReLU instead of ReLU.")
    boolean shufflenetLeakyRelu;

    @Option(names = "--resnet-pool0-stride", paramLabel = "STRIDE",
            description = "Stride of the input max-pool; 0 removes it. Default: ${DEFAULT-VALUE}.")
    int resnetPool0Stride = RESNET.pool0Stride();

    @Option(names = "--resnet-input-conv-stride", paramLabel = "STRIDE",
            description = "Stride of the input convolution. Default: ${DEFAULT-VALUE}.")
    int resnetInputConvStride = RESNET.inputConvStride();

    @Option(names = "--resnet-input-conv2-stride", paramLabel = "STRIDE",
            description = "Stride of an optional second input convolution: 0 (off) or 2. Default: ${DEFAULT-VALUE}.")
    int resnetInputConv2Stride = RESNET.inputConv2Stride();

    @Option(names = "--resnet-block5-dilation", paramLabel = "D",
            description = "Dilation of the last stage (above 1 it replaces the stride). Default: ${DEFAULT-VALUE}.")
    int resnetBlock5Dilation = RESNET.block5Dilation();

    @Option(names = "--resnet-remove-last-block", description = "Drop the last stage.")
    boolean resnetRemoveLastBlock = RESNET.removeLastBlock();

    /** The {@code --basenet} given, or null. */
    public String basenetGiven() {
        return basenet;
    }

    /** The parsed flags with {@code defaultBasenet} used when {@code --basenet} is not given. */
    public NetworkConfig toConfig(String defaultBasenet) {
        return build(basenet != null ? basenet : defaultBasenet);
    }

    /** The parsed flags as a validated, immutable configuration. */
    public NetworkConfig toConfig() {
        return build(basenet);
    }

    private NetworkConfig build(String basenetName) {
        if (shufflenetInstanceNorm && shufflenetGroupNorm) {
            throw new BadInputException(
                    "--shufflenetv2k-instance-norm and --shufflenetv2k-group-norm are mutually exclusive");
        }
        NormKind norm = shufflenetInstanceNorm ? NormKind.INSTANCE
                : shufflenetGroupNorm ? NormKind.GROUP
                : NormKind.BATCH;
        ActivationKind activation = shufflenetLeakyRelu ? ActivationKind.LEAKY_RELU : ActivationKind.RELU;
        ShuffleNetV2KConfig shufflenet = new ShuffleNetV2KConfig(shufflenetInputConv2Stride,
                shufflenetInputConv2OutChannels, shufflenetStage4Dilation, shufflenetKernel,
                shufflenetConv5AsStage, norm, activation);
        ResNetConfig resnet = new ResNetConfig(resnetPool0Stride, resnetInputConvStride, resnetInputConv2Stride,
                resnetBlock5Dilation, resnetRemoveLastBlock);
        return new NetworkConfig(basenetName, shufflenet, resnet, Optional.ofNullable(basenetWeights));
    }

    /** The basenet names for picocli's help and completion. */
    static final class KnownBasenets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Basenets.NAMES.iterator();
        }
    }
}
