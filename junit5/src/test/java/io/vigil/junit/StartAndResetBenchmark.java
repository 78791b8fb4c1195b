package io.vigil.junit;

import io.vigil.auth.RateLimit;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.tenant.Scope;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@link VigilTest} costs a test class and {@link Vigil#reset()} a test: a main class, not a test. Run by {@code
 * bash bench/junit5/run.sh} (which builds, then runs this in fresh JVMs); arguments: warm starts, resets.
 *
 * <p>Start is the extension's {@code beforeAll} work (a temporary data directory, the server on a free port over a
 * fresh SQLite database, two tokens, the snapshot {@code reset} returns to); stop is its {@code afterAll} (the server
 * stopped, the directory deleted). The first start of the JVM is "cold"; the next ones "warm", as a second test class
 * in the same surefire JVM. Before each reset, the state a test leaves: 20 insights seeded (5 classified, 2
 * dismissed) and 3 classified again.
 */
final class StartAndResetBenchmark {
    private StartAndResetBenchmark() {}

    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int resets = args.length > 1 ? Integer.parseInt(args[1]) : 300;

        long t0 = System.nanoTime();
        Vigil first = Vigil.start(Vigil.DEFAULT_ACCOUNT, RateLimit.OFF, false);
        double cold = millis(t0);
        first.close();

        double[] starts = new double[warm];
        double[] stops = new double[warm];
        for (int i = 0; i < warm; i++) {
            long t = System.nanoTime();
            Vigil vigil = Vigil.start(Vigil.DEFAULT_ACCOUNT, RateLimit.OFF, false);
            starts[i] = millis(t);
            t = System.nanoTime();
            vigil.close();
            stops[i] = millis(t);
        }

        double[] resetTimes = new double[resets];
        Vigil vigil = Vigil.start(Vigil.DEFAULT_ACCOUNT, RateLimit.OFF, false);
        try {
            for (int i = 0; i < resets; i++) {
                dirty(vigil);
                long t = System.nanoTime();
                vigil.reset();
                resetTimes[i] = millis(t);
            }
        } finally {
            vigil.close();
        }

        System.out.printf(Locale.ROOT, "cold_start_ms %.1f%n", cold);
        System.out.println("| measure | n | median (ms) | p99 (ms) | max (ms) |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("start, warm (beforeAll)", starts);
        row("stop (afterAll)", stops);
        row("reset()", resetTimes);
    }

    /** What a test typically leaves behind. */
    private static void dirty(Vigil vigil) {
        Seed seed = vigil.seed();
        for (int i = 0; i < 20; i++) {
            int n = i;
            seed.insight("insight-" + i, s -> {
                if (n < 5) {
                    s.classification(Classification.ACCEPT_RISK, "bench");
                }
                if (n >= 18) {
                    s.dismissed();
                }
            });
        }
        seed.apply();
        for (int i = 5; i < 8; i++) {
            vigil.backend()
                    .insights()
                    .classify(
                            new Scope.Account(vigil.accountId()),
                            "insight-" + i,
                            new ClassificationRequest(Classification.FALSE_POSITIVE, null),
                            "bench");
        }
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static void row(String name, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f |%n",
                name,
                sorted.length,
                sorted[sorted.length / 2],
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)],
                sorted[sorted.length - 1]);
    }
}
