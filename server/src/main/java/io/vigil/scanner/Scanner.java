package io.vigil.scanner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One scanner command: a name, the argument vector run as it is (no shell: {@code /bin/sh -c} only if the operator
 * writes it), how long it may run and how much it may print.
 *
 * @param name what scans and logs call it: letters, digits, {@code -} and {@code _}
 * @param command the program and its arguments
 * @param timeout how long one run may take; it is killed (with everything it started) past that
 * @param maxOutputBytes how much it may print on its standard output; it is killed past that
 */
public record Scanner(String name, List<String> command, Duration timeout, long maxOutputBytes) {
    /** How long a scanner runs unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** How much a scanner prints unless told otherwise: room for about 100,000 insights. */
    public static final long DEFAULT_MAX_OUTPUT = 64L << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Scanner {
        Objects.requireNonNull(name, "name == null");
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "scanner name '" + name + "' must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("scanner '" + name + "' has no command");
        }
        if (timeout.isNegative() || timeout.isZero() || maxOutputBytes < 1) {
            throw new IllegalArgumentException("scanner '" + name + "' needs a positive timeout and output cap");
        }
    }

    /**
     * {@code NAME=PROGRAM ARG…} as {@code --scanner} takes it: the words after {@code =}, split on white space, are
     * the argument vector (an argument with a space in it needs a wrapper script).
     */
    public static Scanner parse(String option) {
        int equals = option.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("--scanner takes NAME=COMMAND, not '" + option + "'");
        }
        String command = option.substring(equals + 1).strip();
        List<String> words = command.isEmpty() ? List.of() : List.of(command.split("\\s+"));
        return new Scanner(option.substring(0, equals).strip(), words, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT);
    }

    /** This scanner with another timeout. */
    public Scanner withTimeout(Duration limit) {
        return new Scanner(name, command, limit, maxOutputBytes);
    }

    /** This scanner with another output cap. */
    public Scanner withMaxOutput(long bytes) {
        return new Scanner(name, command, timeout, bytes);
    }

    /**
     * Runs the command once for {@code scope} (its variables, e.g. {@code VIGIL_ACCOUNT_ID}, are the only ones it
     * gets besides {@code PATH}, {@code HOME}, {@code LANG} and {@code TZ}: nothing of Vigil's own environment, such
     * as a database URL, reaches it) and returns the lines it printed.
     *
     * @throws ScannerFailed if it cannot start, runs past its timeout, prints past its cap or exits with a status
     *     other than 0
     */
    public List<String> run(Map<String, String> scope) {
        return new ScannerRun(this, scope).lines();
    }
}
