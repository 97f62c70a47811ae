/**
 * Networks built from DJL blocks: ShuffleNetV2K and torchvision-layout ResNet backbones, the
 * composite heads (1x1 convolution, pixel shuffle, crop), and {@link
 * dev.trainyard.trainer.network.PoseNetwork} which returns one raw {@code [batch, fields, channels,
 * h, w]} tensor per head. Parameter names follow the reference ({@code base_net.*},
 * {@code head_nets.<i>.conv.*}); parameter counts match it exactly.
 *
 * <p>Where this differs from the reference, and why:
 * <ul>
 *   <li>Heads always return raw values; the reference applies sigmoid, grid offsets and softplus in
 *       its heads in eval mode. The decoder does that here.</li>
 *   <li>Nothing is downloaded: ResNets start from torchvision's initialisation unless
 *       {@code --basenet-weights} names a local file.</li>
 *   <li>The output stride is computed from the layers, so unusual {@code --resnet-pool0-stride} or
 *       {@code --resnet-input-conv-stride} values report the right stride (the reference's
 *       bookkeeping assumes 2), and {@code --resnet-remove-last-block} works.</li>
 *   <li>Flag values the reference silently misuses are rejected: input-conv2 strides other than 0
 *       or 2, even {@code --shufflenetv2k-kernel}, contradictory norm flags.</li>
 *   <li>BatchNorm momentum is DJL's convention, 1 - PyTorch's: the reference's 0.01 is 0.99 here.
 *       ReLU and residual additions are not in place, so training keeps more activation memory.</li>
 * </ul>
 */
package dev.trainyard.trainer.network;
