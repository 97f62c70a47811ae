package dev.trainyard.trainer.dataset;

/** Registers {@code --dataset cocokp}: COCO person keypoints with CIF and CAF heads. */
public final class CocoKpPlugin implements DataModulePlugin {

    @Override
    public String name() {
        return CocoKp.NAME;
    }

    @Override
    public DataModuleOptions newOptions() {
        return new CocoKpOptions();
    }
}
