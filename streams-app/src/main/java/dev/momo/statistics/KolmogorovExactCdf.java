package dev.momo.statistics;

import java.util.Arrays;

/**
 * Exact CDF {@code P(D_n <= d)} of the two-sided one-sample Kolmogorov-Smirnov statistic by the
 * two methods that {@link KolmogorovDistribution} uses for small {@code n d^2}: Durbin's matrix
 * (Annals of Mathematical Statistics 39, 1968, in the form of Marsaglia, Tsang and Wang, Journal
 * of Statistical Software 8(18), 2003) and Pomeranz's recursion (Communications of the ACM 17(12),
 * 1974). Both follow SciPy 1.17's {@code scipy/stats/_ksstats.py} step for step, including the
 * rescaling by 2^128 that keeps intermediate values from underflowing.
 */
final class KolmogorovExactCdf {

  private static final double TWO_POW_128 = 0x1p128;
  private static final double TWO_POW_MINUS_128 = 0x1p-128;
  private static final int SCALE_EXPONENT = 128;

  private KolmogorovExactCdf() {}

  /**
   * Returns {@code P(D_n <= d)} by Durbin's matrix method: with {@code n d = k - h}, k a positive
   * integer and {@code 0 <= h < 1}, the CDF is {@code n! / n^n} times the (k, k) entry of
   * {@code H^n} for a fixed {@code (2k - 1) x (2k - 1)} matrix H. Costs {@code O(k^3 log n)}.
   */
  static double durbinMatrix(final int n, final double d) {
    final double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    final int k = (int) Math.ceil(nd);
    final double h = k - nd;
    final int m = 2 * k - 1;

    // First column v and diagonals w of H: v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1 / j!.
    final double[] v = new double[m];
    final double[] w = new double[m];
    double factorialReciprocal = 1.0;
    for (int j = 1; j <= m; j++) {
      w[j - 1] = factorialReciprocal;
      factorialReciprocal /= j;
      v[j - 1] = (1.0 - Math.pow(h, j)) * factorialReciprocal;
    }
    final double corner = Math.pow(Math.max(2.0 * h - 1.0, 0.0), m) - 2.0 * Math.pow(h, m);
    v[m - 1] = (1.0 + corner) * factorialReciprocal;

    double[][] matrix = new double[m][m];
    for (int column = 1; column < m; column++) {
      for (int row = column - 1; row < m; row++) {
        matrix[row][column] = w[row - column + 1];
      }
    }
    for (int row = 0; row < m; row++) {
      matrix[row][0] = v[row];
    }
    for (int column = 0; column < m; column++) {
      matrix[m - 1][column] = v[m - 1 - column];
    }

    // Square-and-multiply, with H rescaled by 2^-128 whenever its (k, k) entry passes 2^128.
    double[][] power = identity(m);
    int powerExponent = 0;
    int matrixExponent = 0;
    int remaining = n;
    while (remaining > 0) {
      if (remaining % 2 == 1) {
        power = multiply(power, matrix);
        powerExponent += matrixExponent;
      }
      remaining /= 2;
      if (remaining == 0) {
        break;
      }
      matrix = multiply(matrix, matrix);
      matrixExponent *= 2;
      if (Math.abs(matrix[k - 1][k - 1]) > TWO_POW_128) {
        scale(matrix, TWO_POW_MINUS_128);
        matrixExponent += SCALE_EXPONENT;
      }
    }

    double probability = power[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      probability = i * probability / n;
      if (Math.abs(probability) < TWO_POW_MINUS_128) {
        probability *= TWO_POW_128;
        powerExponent -= SCALE_EXPONENT;
      }
    }
    return clip(Math.scalb(probability, powerExponent));
  }

  /**
   * Returns {@code P(D_n <= d)} by Pomeranz's recursion: 2n + 1 convolutions of a short row with
   * Poisson-like weights, keeping only the band of entries that can be non-zero. Costs
   * {@code O(n^2 d)}.
   */
  static double pomeranz(final int n, final double d) {
    final double t = n * d;
    final int floorT = (int) Math.floor(t);
    final double fraction = t - floorT;
    final double g = Math.min(fraction, 1.0 - fraction);
    final int ceilFraction = fraction > 0 ? 1 : 0;
    final int roundFraction = fraction > 0.5 ? 1 : 0;
    final int powers = 2 * (floorT + 1);

    // (c / n)^j / j! for c = g, 2g and 1 - 2g: Poisson probabilities without the normalizing factor.
    final double[] gPower = scaledPowers(g / n, powers);
    final double[] twoGPower = scaledPowers(2 * g / n, powers);
    final double[] oneMinusTwoGPower = scaledPowers((1 - 2 * g) / n, powers);

    double[] previousRow = new double[powers];
    double[] row = new double[powers];
    row[0] = 1.0;
    int previousStart = 0;
    int rowStart = 0;
    int exponent = 0;

    int[] band = pomeranzBand(0, n, floorT, ceilFraction, roundFraction);
    for (int i = 1; i < 2 * n + 2; i++) {
      final int previousLow = band[0];
      final double[] swap = previousRow;
      previousRow = row;
      row = swap;
      final int swapStart = previousStart;
      previousStart = rowStart;
      rowStart = swapStart;
      Arrays.fill(row, 0.0);

      band = pomeranzBand(i, n, floorT, ceilFraction, roundFraction);
      final double[] weights = (i == 1 || i == 2 * n + 1) ? gPower : (i % 2 == 1 ? twoGPower : oneMinusTwoGPower);
      final int length = band[1] - previousLow + 1;
      if (length > 0) {
        convolveInto(previousRow, previousLow - previousStart, weights, length, band[0] - previousLow,
            band[1] - band[0] + 1, row);
        double max = 0.0;
        for (final double value : row) {
          max = Math.max(max, value);
        }
        if (max > 0.0 && max < TWO_POW_MINUS_128) {
          scale(row, TWO_POW_128);
          exponent -= SCALE_EXPONENT;
        }
        rowStart = previousStart + band[0] - previousLow;
      }
    }

    double probability = row[n - rowStart];
    for (int i = 1; i <= n; i++) {
      if (Math.abs(probability) > TWO_POW_128) {
        probability *= TWO_POW_MINUS_128;
        exponent += SCALE_EXPONENT;
      }
      probability *= i;
    }
    return clip(Math.scalb(probability, exponent));
  }

  /** Returns the first and last column index {@code [low, high]} of row i that can be non-zero. */
  private static int[] pomeranzBand(
      final int i, final int n, final int floorT, final int ceilFraction, final int roundFraction) {
    final int low;
    final int high;
    if (i == 0) {
      low = -floorT - ceilFraction - 1;
      high = floorT + ceilFraction - 1;
    } else {
      final int half = (i + 1) / 2;
      if ((i + 1) % 2 == 0) {
        if (half == n + 1) {
          low = n - floorT - ceilFraction - 1;
          high = n + floorT + ceilFraction - 1;
        } else {
          low = half - 1 - floorT - roundFraction - 1;
          high = half + floorT - 1 + ceilFraction - 1;
        }
      } else {
        low = half - 1 - floorT - 1;
        high = half + floorT + roundFraction - 1;
      }
    }
    return new int[] {Math.max(low + 2, 0), Math.min(high, n)};
  }

  /**
   * Writes entries {@code [first, first + count)} of the full convolution of
   * {@code source[offset, offset + length)} with {@code weights[0, length)} into
   * {@code target[0, count)}.
   */
  private static void convolveInto(
      final double[] source, final int offset, final double[] weights, final int length,
      final int first, final int count, final double[] target) {
    final int available = Math.min(length, source.length - offset);
    for (int c = 0; c < count; c++) {
      final int index = first + c;
      double sum = 0.0;
      final int from = Math.max(0, index - length + 1);
      final int to = Math.min(index, available - 1);
      for (int a = from; a <= to; a++) {
        sum += source[offset + a] * weights[index - a];
      }
      target[c] = sum;
    }
  }

  private static double[] scaledPowers(final double base, final int count) {
    final double[] result = new double[count];
    result[0] = 1.0;
    for (int j = 1; j < count; j++) {
      result[j] = result[j - 1] * base / j;
    }
    return result;
  }

  private static double[][] identity(final int size) {
    final double[][] result = new double[size][size];
    for (int i = 0; i < size; i++) {
      result[i][i] = 1.0;
    }
    return result;
  }

  private static double[][] multiply(final double[][] left, final double[][] right) {
    final int size = left.length;
    final double[][] result = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int k = 0; k < size; k++) {
        final double factor = left[i][k];
        if (factor == 0.0) {
          continue;
        }
        for (int j = 0; j < size; j++) {
          result[i][j] += factor * right[k][j];
        }
      }
    }
    return result;
  }

  private static void scale(final double[][] matrix, final double factor) {
    for (final double[] row : matrix) {
      scale(row, factor);
    }
  }

  private static void scale(final double[] row, final double factor) {
    for (int i = 0; i < row.length; i++) {
      row[i] *= factor;
    }
  }

  private static double clip(final double probability) {
    return Math.min(Math.max(probability, 0.0), 1.0);
  }
}
