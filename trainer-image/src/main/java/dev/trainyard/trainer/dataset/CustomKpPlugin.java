package dev.trainyard.trainer.dataset;

/** Registers {@code --dataset custom}: a COCO-format keypoint dataset with its own skeleton, given by paths. */
public final class CustomKpPlugin implements DataModulePlugin {

    @Override
    public String name() {
        return CustomKp.NAME;
    }

    @Override
    public DataModuleOptions newOptions() {
        return new CustomKpOptions();
    }
}
