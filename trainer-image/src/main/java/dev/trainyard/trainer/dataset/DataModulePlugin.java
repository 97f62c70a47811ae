package dev.trainyard.trainer.dataset;

/**
 * Makes a data module available to {@code --dataset NAME}. Implementations are found with
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services}), so a dataset can live in
 * its own jar on the class path.
 */
public interface DataModulePlugin {

    /** The {@code --dataset} name; no {@code -}. */
    String name();

    /**
     * A fresh picocli-annotated options object with the module's flags ({@code --NAME-...}); the
     * train and eval commands add it as a mixin, then call {@link DataModuleOptions#create()} on it
     * when the module is selected.
     */
    DataModuleOptions newOptions();
}
