package dev.trainyard.trainer.metric;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The few numpy and Python number operations whose exact rounding the official COCO evaluation
 * depends on, written out so that results agree bit for bit: {@code np.linspace},
 * {@code np.sum}'s pairwise summation, {@code np.spacing(1)}, {@code np.around} and Python's
 * {@code round}/{@code format}.
 */
final class NumpyMath {

    /** {@code np.spacing(1)}: the distance from 1.0 to the next double, 2^-52. */
    static final double EPS = Math.ulp(1.0);

    /** numpy's pairwise summation switches from the unrolled loop to recursion above this size. */
    private static final int PAIRWISE_BLOCK = 128;

    private NumpyMath() {}

    /**
     * {@code np.linspace(start, stop, num)} with {@code endpoint=True}: {@code i * step + start}
     * with {@code step = (stop - start) / (num - 1)}, and the last value set to {@code stop}, in
     * that order of operations (which is why the 9th IoU threshold is 0.8999999999999999).
     */
    static double[] linspace(double start, double stop, int num) {
        if (num < 2) {
            throw new IllegalArgumentException("linspace needs at least 2 points, got " + num);
        }
        int div = num - 1;
        double delta = stop - start;
        double step = delta / div;
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = step == 0 ? (double) i / div * delta : (double) i * step;
            y[i] += start;
        }
        y[num - 1] = stop;
        return y;
    }

    /**
     * {@code np.sum} of {@code n} contiguous doubles: the reduction starts from the identity 0.0
     * and adds numpy's pairwise sum of all elements (8 interleaved accumulators per block of up to
     * 128 elements, halves above that).
     */
    static double sum(double[] a, int from, int n) {
        return 0.0 + pairwiseSum(a, from, n);
    }

    /** {@code np.mean} of {@code n} contiguous doubles: {@link #sum} divided by the count. */
    static double mean(double[] a, int from, int n) {
        return sum(a, from, n) / n;
    }

    private static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /**
     * {@code np.around(x, decimals)} for {@code decimals >= 0}: multiply by the power of ten, round
     * half to even ({@code rint}), divide. Not the exact decimal rounding of Python's {@code round}.
     */
    static double around(double x, int decimals) {
        double f = 1.0;
        for (int i = 0; i < decimals; i++) {
            f *= 10.0;
        }
        return Math.rint(x * f) / f;
    }

    /**
     * Python's {@code round(x, digits)} on a float: the exact binary value rounded half to even at
     * the decimal digit, then the nearest double; the sign of a zero result is kept.
     */
    static double pythonRound(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        double rounded = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        return rounded == 0.0 ? Math.copySign(0.0, x) : rounded;
    }

    /**
     * Python's {@code '{:0.Nf}'.format(x)}: the exact binary value rounded half to even, unlike
     * {@code String.format}, which rounds the shortest decimal representation half up.
     */
    static String fixed(double x, int digits) {
        String text = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return x < 0 || (x == 0 && 1 / x < 0) ? (text.startsWith("-") ? text : "-" + text) : text;
    }
}
