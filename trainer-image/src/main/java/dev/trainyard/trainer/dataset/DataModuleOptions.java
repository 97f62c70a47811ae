package dev.trainyard.trainer.dataset;

/** Parsed flags of one data module; picocli fills the implementing object's annotated fields. */
public interface DataModuleOptions {

    /**
     * The data module these flags describe; throws {@code BadInputException} naming a flag with an
     * invalid value. Files are opened lazily, when a loader is created.
     */
    DataModule create();
}
