package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry of data modules: every {@link DataModulePlugin} on the class path, by name. */
public final class DataModules {

    private DataModules() {}

    /** All plugins, sorted by name; two plugins with one name are an error in the installation. */
    public static List<DataModulePlugin> plugins() {
        Map<String, DataModulePlugin> byName = new LinkedHashMap<>();
        for (DataModulePlugin plugin : ServiceLoader.load(DataModulePlugin.class)) {
            String name = plugin.name();
            if (name.isEmpty() || name.contains("-")) {
                throw new IllegalStateException("data module name must be non-empty without '-': '" + name + "' ("
                        + plugin.getClass().getName() + ")");
            }
            DataModulePlugin previous = byName.putIfAbsent(name, plugin);
            if (previous != null) {
                throw new IllegalStateException("two data modules named " + name + ": "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        List<DataModulePlugin> sorted = new ArrayList<>(byName.values());
        sorted.sort(java.util.Comparator.comparing(DataModulePlugin::name));
        return List.copyOf(sorted);
    }

    /** The registered names, sorted. */
    public static List<String> names() {
        return plugins().stream().map(DataModulePlugin::name).toList();
    }

    /**
     * Splits a {@code --dataset} value such as {@code cocokp-cocodet} into module names, checking
     * each is registered and none repeats.
     */
    public static List<String> parse(String dataset, List<String> known) {
        if (dataset == null || dataset.isBlank()) {
            throw new BadInputException("--dataset is required; one of " + String.join(", ", known)
                    + ", or several joined with '-'");
        }
        List<String> names = List.of(dataset.split("-", -1));
        List<String> seen = new ArrayList<>();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new BadInputException("--dataset " + dataset + ": unknown dataset '" + name + "'; known: "
                        + String.join(", ", known));
            }
            if (seen.contains(name)) {
                throw new BadInputException("--dataset " + dataset + ": '" + name + "' appears twice");
            }
            seen.add(name);
        }
        return names;
    }
}
