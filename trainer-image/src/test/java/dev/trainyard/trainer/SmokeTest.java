package dev.trainyard.trainer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void djl() {
        System.out.println("engine " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3));
            System.out.println(a.add(1));
        }
    }
}
