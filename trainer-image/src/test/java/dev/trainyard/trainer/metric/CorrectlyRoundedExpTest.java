package dev.trainyard.trainer.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The OKS exponential is the double nearest to the true exp(x), whatever the JVM or CPU. */
class CorrectlyRoundedExpTest {

    @Test
    void knownValues() {
        assertEquals(1.0, CorrectlyRoundedExp.exp(0.0));
        assertEquals(1.0, CorrectlyRoundedExp.exp(-0.0));
        // e^-1 = 0.36787944117144232159552377016146..., nearest double 0.36787944117144233.
        assertEquals(0.36787944117144233, CorrectlyRoundedExp.exp(-1.0));
        assertEquals(Math.E, CorrectlyRoundedExp.exp(1.0));
        assertEquals(0.5, CorrectlyRoundedExp.exp(-0.6931471805599453), 1e-16);
        assertEquals(Double.POSITIVE_INFINITY, CorrectlyRoundedExp.exp(710));
        assertEquals(0.0, CorrectlyRoundedExp.exp(-746));
        assertEquals(0.0, CorrectlyRoundedExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.NaN, CorrectlyRoundedExp.exp(Double.NaN));
    }

    /** Arguments where fdlibm's StrictMath.exp returns the neighbouring double (values from 40-digit expansions). */
    @Test
    void roundsCorrectlyWhereFdlibmDoesNot() {
        // exp(-6.622203231133643) = 0.0013304963230524276041664717713925992...
        assertEquals(0.0013304963230524275, CorrectlyRoundedExp.exp(-6.622203231133643));
        // exp(-12.948876685007935) = 0.0000023788897160072107570019371842127937...
        assertEquals(2.378889716007211e-06, CorrectlyRoundedExp.exp(-12.948876685007935));
        assertEquals(0.0003874883615300955, CorrectlyRoundedExp.exp(-7.855824744382969));
        assertEquals(9.873005045959897e-05, CorrectlyRoundedExp.exp(-9.223121195254254));
    }

    @Test
    void neverMoreThanAnUlpFromStrictMath() {
        // StrictMath.exp is within 1 ulp of the truth; ours rounds the truth: at most 1 ulp apart.
        for (double x = -708; x < 709; x += 0.37) {
            double ours = CorrectlyRoundedExp.exp(x);
            assertEquals(StrictMath.exp(x), ours, Math.ulp(ours), "exp(" + x + ")");
        }
    }
}
