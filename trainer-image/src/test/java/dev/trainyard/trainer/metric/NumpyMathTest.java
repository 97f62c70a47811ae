package dev.trainyard.trainer.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** numpy's and Python's rounding behaviour, on values whose results are known by hand. */
class NumpyMathTest {

    @Test
    void iouThresholdsAreNumpysLinspace() {
        double[] thresholds = EvalParams.defaults(IouType.KEYPOINTS).iouThresholds();

        // i * 0.049999999999999996 + 0.5: the 9th value is not the literal 0.9, the 6th is 0.75.
        assertArrayEquals(new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95}, thresholds);
        double[] recall = EvalParams.defaults(IouType.BBOX).recallThresholds();
        assertEquals(101, recall.length);
        assertEquals(0.5700000000000001, recall[57]);
        assertEquals(0.5, recall[50]);
        assertEquals(1.0, recall[100]);
    }

    @Test
    void defaultSigmasArePycocotoolsDivisionsByTen() {
        double[] sigmas = EvalParams.cocoPersonSigmas();

        assertEquals(0.026000000000000002, sigmas[0]);
        assertEquals(0.025, sigmas[1]);
        assertEquals(0.034999999999999996, sigmas[3]);
        assertEquals(0.10700000000000001, sigmas[11]);
    }

    @Test
    void sumIsPairwiseLikeNumpy() {
        // 2^53 and eight ones. Left to right each 1 is lost (2^53 + 1 rounds to even 2^53). numpy
        // sums ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) = 2^53 + 6, then adds a8: 2^53 + 7
        // is a tie between 2^53 + 6 and 2^53 + 8 and rounds to the even 2^53 + 8.
        double[] values = {0x1p53, 1, 1, 1, 1, 1, 1, 1, 1};

        assertEquals(0x1p53 + 8, NumpyMath.sum(values, 0, values.length));
        double leftToRight = 0;
        for (double v : values) {
            leftToRight += v;
        }
        assertEquals(0x1p53, leftToRight);
        // numpy starts from the identity 0.0: the sum of -0.0 is +0.0.
        assertEquals(0.0, NumpyMath.sum(new double[] {-0.0}, 0, 1));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(NumpyMath.sum(new double[] {-0.0}, 0, 1)));
    }

    @Test
    void aroundMultipliesRoundsHalfToEvenAndDivides() {
        assertEquals(0.12, NumpyMath.around(0.125, 2));
        assertEquals(0.38, NumpyMath.around(0.375, 2));
        // float32 12.345 is 12.3450002670288...: 1234.50002670288 rounds up.
        assertEquals(12.35, NumpyMath.around(12.345f, 2));
        assertEquals(0.123, NumpyMath.around(0.12345, 3));
    }

    @Test
    void pythonRoundAndFormatRoundTheExactBinaryValue() {
        // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
        assertEquals(2.67, NumpyMath.pythonRound(2.675, 2));
        assertEquals(0.12, NumpyMath.pythonRound(0.125, 2));
        assertEquals(-0.0, NumpyMath.pythonRound(-0.001, 2));
        assertEquals("1.000", NumpyMath.fixed(1.0005, 3), "1.0005 is 1.000499999...; String.format says 1.001");
        assertEquals("0.062", NumpyMath.fixed(0.0625, 3), "an exact tie goes to even");
        assertEquals("0.001", NumpyMath.fixed(0.0005, 3));
        assertEquals("-1.000", NumpyMath.fixed(-1, 3));
        assertEquals("0.50", NumpyMath.fixed(0.5, 2));
        assertEquals("0.95", NumpyMath.fixed(0.95, 2));
    }
}
