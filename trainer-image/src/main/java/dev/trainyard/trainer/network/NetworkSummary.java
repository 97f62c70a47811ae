package dev.trainyard.trainer.network;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Parameter counts and output shapes of an initialised network for one input size; shapes are
 * inferred without running the network.
 *
 * @param inputShape {@code [batch, 3, H, W]}
 * @param backbone the backbone with its feature map {@code [batch, features, h, w]}
 * @param heads one entry per head with its field {@code [batch, fields, channels, h, w]}
 */
public record NetworkSummary(
        String basenet, int stride, int outFeatures, List<Long> inputShape, Component backbone,
        List<Component> heads, long totalParameters) {

    /** One part of the network: its trainable parameters and output shape. */
    public record Component(String name, long parameters, List<Long> outputShape) {}

    public static NetworkSummary of(PoseNetwork network, Shape input) {
        Backbone backbone = network.backbone();
        Shape[] features = backbone.getOutputShapes(new Shape[] {input});
        Component backboneSummary = new Component(
                backbone.name(), ParameterCounts.trainable(backbone), dims(features[0]));
        List<Component> heads = network.heads().stream()
                .map(head -> new Component(head.meta().fullName(), ParameterCounts.trainable(head),
                        dims(head.getOutputShapes(features)[0])))
                .toList();
        long total = backboneSummary.parameters() + heads.stream().mapToLong(Component::parameters).sum();
        return new NetworkSummary(backbone.name(), backbone.stride(), backbone.outFeatures(), dims(input),
                backboneSummary, heads, total);
    }

    private static List<Long> dims(Shape shape) {
        return Arrays.stream(shape.getShape()).boxed().toList();
    }
}
