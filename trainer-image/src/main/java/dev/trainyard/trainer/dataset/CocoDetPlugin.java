package dev.trainyard.trainer.dataset;

/** Registers {@code --dataset cocodet}: COCO object detection with a CifDet head. */
public final class CocoDetPlugin implements DataModulePlugin {

    @Override
    public String name() {
        return CocoDet.NAME;
    }

    @Override
    public DataModuleOptions newOptions() {
        return new CocoDetOptions();
    }
}
