package dev.momo.load.alerts;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One line that names the machine a run used: processors available to the JVM, CPU model (from
 * {@code /proc/cpuinfo}, Linux only), physical memory, Java runtime, and the one-minute load average.
 */
final class MachineDescription {

    private MachineDescription() {
    }

    /**
     * Returns a line such as {@code 2 processors (AMD EPYC), 23.5 GiB memory, Java 17.0.15+6-Debian-1deb12u1,
     * load average 0.41}.
     */
    static String current() {
        final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        final String memory = system instanceof com.sun.management.OperatingSystemMXBean bean
                ? String.format(Locale.ROOT, "%.1f GiB", bean.getTotalMemorySize() / (double) (1L << 30)) : "unknown";
        final double load = system.getSystemLoadAverage();
        return Runtime.getRuntime().availableProcessors() + " processors (" + cpuModel() + "), " + memory
                + " memory, Java " + System.getProperty("java.runtime.version") + ", load average "
                + (load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load));
    }

    private static String cpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not Linux, or not readable: the model stays unknown.
        }
        return "unknown CPU model";
    }
}
