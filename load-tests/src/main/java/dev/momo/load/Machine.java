package dev.momo.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on: processors available to the JVM, physical memory, CPU model (Linux only),
 * Java runtime, operating system, and the one-minute load average when it was described (negative
 * where the system does not report it).
 */
public record Machine(int processors, long memoryBytes, String cpuModel, String java, String os, double loadAverage) {

    public static Machine current() {
        final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        final long memory = system instanceof com.sun.management.OperatingSystemMXBean bean
                ? bean.getTotalMemorySize() : -1;
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, readCpuModel(),
                "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), system.getSystemLoadAverage());
    }

    /**
     * Returns one line for the report, such as {@code 2 processors (AMD EPYC), 23.5 GiB memory, Java 17.0.15+6
     * (OpenJDK 64-Bit Server VM), Linux amd64, load average 0.12}.
     */
    public String describe() {
        return processors + " processors (" + cpuModel + "), " + memoryText() + " memory, " + java + ", " + os
                + ", load average " + (loadAverage < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", loadAverage));
    }

    /** Returns the short form for the table of results, such as {@code 2 CPUs, 23.5 GiB, Java 17.0.15}. */
    String summary() {
        return processors + " CPUs, " + memoryText() + ", Java " + System.getProperty("java.version");
    }

    private String memoryText() {
        return memoryBytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30));
    }

    private static String readCpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not Linux or not readable: the model stays unknown.
        }
        return "unknown CPU model";
    }
}
