package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.encoder.EncoderConfig;

/** Parsed flags of one data module; picocli fills the implementing object's annotated fields. */
public interface DataModuleOptions {

    /**
     * The data module these flags describe; throws {@code BadInputException} naming a flag with an
     * invalid value. Files are opened lazily, when a loader is created.
     */
    DataModule create();

    /**
     * Hands the command's global encoder flags ({@code --cif-side-length}, {@code --caf-min-size})
     * to modules that encode keypoints; called before {@link #create()}.
     */
    default void useSharedEncoder(EncoderConfig shared) {}
}
