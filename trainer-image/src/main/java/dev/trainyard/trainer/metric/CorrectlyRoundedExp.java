package dev.trainyard.trainer.metric;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code exp(x)} rounded correctly to the nearest double for results in the normal range, so the
 * OKS does not depend on the JVM or the CPU.
 *
 * <p>Why not {@link Math#exp} or {@link StrictMath#exp}: numpy's own float64 exp depends on the
 * machine (the C library's exp, which is correctly rounded in all but a few hundredths of a percent
 * of cases; or, on AVX-512 CPUs, SIMD kernels that differ from it in ~5% of last bits). The
 * correctly rounded value is the one those implementations approximate, equals the C library's
 * almost always, and is the same everywhere; fdlibm's {@code StrictMath.exp} misses it in ~10% of
 * cases here, {@code Math.exp} may vary by platform.
 *
 * <p>Method: x = (1024 k + j) ln2 / 1024 + r with |r| ≤ ln2 / 2048; exp(x) = 2^k · 2^(j/1024) ·
 * exp(r), the table in double-double, exp(r) - 1 by its Taylor series with the leading terms in
 * double-double; the result has an error below 2^-100 relative before its one final rounding.
 * Results below {@link Double#MIN_NORMAL} (x < -708.39) fall back to {@code StrictMath.exp}:
 * such OKS terms are far below any threshold and vanish in any sum with a larger term.
 */
final class CorrectlyRoundedExp {

    private static final int TABLE_BITS = 10;
    private static final int N = 1 << TABLE_BITS;
    private static final MathContext WIDE = new MathContext(60);
    private static final BigDecimal LN2 = new BigDecimal(
            "0.6931471805599453094172321214581765680755001343602552541206800094933936");
    /** 2^(j/N) as hi + lo. */
    private static final double[] TABLE_HI = new double[N];
    private static final double[] TABLE_LO = new double[N];
    /** ln2 / N as three parts; the first has 32 significant bits, so k * LN2N_HI is exact for |k| < 2^21. */
    private static final double LN2N_HI;
    private static final double LN2N_LO;
    private static final double LN2N_LO2;
    private static final double N_OVER_LN2;
    private static final double SIXTH_HI;
    private static final double SIXTH_LO;
    private static final double MIN_NORMAL_ARGUMENT = -708.39;
    /** Above log(Double.MAX_VALUE): the result overflows. */
    private static final double OVERFLOW_ARGUMENT = 709.782712893384;

    static {
        BigDecimal ln2n = LN2.divide(BigDecimal.valueOf(N), WIDE);
        double hi = Double.longBitsToDouble(Double.doubleToLongBits(ln2n.doubleValue()) & ~((1L << 21) - 1));
        BigDecimal rest = ln2n.subtract(new BigDecimal(hi));
        LN2N_HI = hi;
        LN2N_LO = rest.doubleValue();
        LN2N_LO2 = rest.subtract(new BigDecimal(LN2N_LO)).doubleValue();
        N_OVER_LN2 = BigDecimal.ONE.divide(ln2n, WIDE).doubleValue();
        BigDecimal sixth = BigDecimal.ONE.divide(BigDecimal.valueOf(6), WIDE);
        SIXTH_HI = sixth.doubleValue();
        SIXTH_LO = sixth.subtract(new BigDecimal(SIXTH_HI)).doubleValue();
        // 2^(1/N) by its series, then its powers: 60 digits leave ~1e-56 after 1024 products.
        BigDecimal step = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; n < 40; n++) {
            term = term.multiply(ln2n, WIDE).divide(BigDecimal.valueOf(n), WIDE);
            step = step.add(term, WIDE);
        }
        BigDecimal power = BigDecimal.ONE;
        for (int j = 0; j < N; j++) {
            TABLE_HI[j] = power.doubleValue();
            TABLE_LO[j] = power.subtract(new BigDecimal(TABLE_HI[j])).doubleValue();
            power = power.multiply(step, WIDE);
        }
    }

    private CorrectlyRoundedExp() {}

    static double exp(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x > OVERFLOW_ARGUMENT) {
            return Double.POSITIVE_INFINITY;
        }
        if (x < MIN_NORMAL_ARGUMENT) {
            return StrictMath.exp(x);
        }
        int kn = (int) Math.rint(x * N_OVER_LN2);
        int j = kn & (N - 1);
        int k = kn >> TABLE_BITS;

        // r = x - kn * ln2 / N in double-double; x - kn * LN2N_HI is exact.
        double r1 = x - kn * LN2N_HI;
        double ph = kn * LN2N_LO;
        double pl = Math.fma(kn, LN2N_LO, -ph);
        double rh = r1 - ph;
        double rl = twoSumError(r1, -ph, rh) - pl - kn * LN2N_LO2;

        // r^2 / 2 and r^3 / 6 in double-double, higher powers in double.
        double qh = rh * rh;
        double ql = Math.fma(rh, rh, -qh) + 2 * rh * rl;
        double ch = qh * rh;
        double cl = Math.fma(qh, rh, -ch) + ql * rh + qh * rl;
        double c6h = ch * SIXTH_HI;
        double c6l = Math.fma(ch, SIXTH_HI, -c6h) + ch * SIXTH_LO + cl * SIXTH_HI;
        double r4 = qh * qh + 2 * qh * ql;
        double small = r4 * (1.0 / 24 + rh * (1.0 / 120 + rh * (1.0 / 720 + rh * (1.0 / 5040 + rh * (1.0 / 40320)))));

        // em1 = r + r^2/2 + r^3/6 + small as b + lo.
        double a = rh + qh / 2;
        double ae = twoSumError(rh, qh / 2, a);
        double b = a + c6h;
        double be = twoSumError(a, c6h, b);
        double lo = rl + ql / 2 + c6l + small + ae + be;

        // 2^(j/N) * (1 + em1) = T + T * em1.
        double th = TABLE_HI[j];
        double tl = TABLE_LO[j];
        double mh = th * b;
        double ml = Math.fma(th, b, -mh) + th * lo + tl * b + tl;
        double h = th + mh;
        double he = twoSumError(th, mh, h);
        return Math.scalb(h + (he + ml), k);
    }

    /** The rounding error of {@code sum = a + b} (Knuth's two-sum). */
    private static double twoSumError(double a, double b, double sum) {
        double bv = sum - a;
        double av = sum - bv;
        return (a - av) + (b - bv);
    }
}
