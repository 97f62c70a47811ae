package dev.trainyard.trainer.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;

class DataModulesTest {

    @Test
    void cocodetCocokpAndCustomAreRegistered() {
        List<String> names = DataModules.names();
        assertTrue(names.containsAll(List.of("cocodet", "cocokp", "custom")), names.toString());
        assertEquals(List.of("cocokp", "cocodet", "custom"), DataModules.parse("cocokp-cocodet-custom", names));
    }

    @Test
    void everyModulesFlagsFitOneCommand() {
        // The train command adds every module's options as a mixin: their flag names must not clash.
        CommandSpec spec = CommandSpec.create();
        for (DataModulePlugin plugin : DataModules.plugins()) {
            DataModuleOptions options = plugin.newOptions();
            spec.addMixin(plugin.name(), CommandSpec.forAnnotatedObject(options));
        }
        assertNotNull(spec.findOption("--cocodet-square-edge"));
        assertNotNull(spec.findOption("--custom-sigmas"));
        assertNotNull(spec.findOption("--cocokp-square-edge"));
    }

    @Test
    void pluginsMakeTheirOwnOptions() {
        for (DataModulePlugin plugin : DataModules.plugins()) {
            switch (plugin.name()) {
                case "cocodet" -> assertInstanceOf(CocoDetOptions.class, plugin.newOptions());
                case "cocokp" -> assertInstanceOf(CocoKpOptions.class, plugin.newOptions());
                case "custom" -> assertInstanceOf(CustomKpOptions.class, plugin.newOptions());
                default -> { }
            }
        }
    }
}
