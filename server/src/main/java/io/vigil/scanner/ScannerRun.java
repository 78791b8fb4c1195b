package io.vigil.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a {@link Scanner}: its standard output read up to the cap while it runs, the end of its standard
 * error kept for the reason it failed, and the process (with every process it started) killed on the timeout or the
 * cap. Nothing of it outlives {@link #lines}.
 */
final class ScannerRun {
    /** What a failed run's reason quotes of its standard error, at the most. */
    static final int STDERR_KEPT = 2_000;

    /** The variables of Vigil's own environment a scanner gets, beside its scope's. */
    private static final List<String> PASSED = List.of("PATH", "HOME", "LANG", "TZ");

    private final Scanner scanner;
    private final Map<String, String> scope;

    ScannerRun(Scanner scanner, Map<String, String> scope) {
        this.scanner = scanner;
        this.scope = Map.copyOf(scope);
    }

    List<String> lines() {
        Process process = start();
        Capped out = new Capped(scanner.maxOutputBytes());
        Capped err = new Capped(Long.MAX_VALUE);
        Thread outReader = Thread.ofVirtual().start(() -> out.drain(process.getInputStream(), process));
        Thread errReader = Thread.ofVirtual().start(() -> err.drain(process.getErrorStream(), process));
        try {
            boolean ended = process.waitFor(scanner.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
                throw failed("ran past its timeout of " + scanner.timeout().toSeconds() + " s and was stopped");
            }
            outReader.join(scanner.timeout().toMillis());
            errReader.join(1_000);
            if (out.overflowed()) {
                throw failed("printed more than " + scanner.maxOutputBytes() + " bytes and was stopped");
            }
            if (process.exitValue() != 0) {
                throw failed("exited with status " + process.exitValue() + stderr(err));
            }
            return text(out.bytes()).lines().toList();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw failed("was stopped: the server is stopping");
        } finally {
            kill(process); // anything it left running
        }
    }

    private Process start() {
        ProcessBuilder builder = new ProcessBuilder(scanner.command()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        Map<String, String> own = Map.copyOf(env);
        env.clear();
        for (String name : PASSED) {
            String value = own.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(scope);
        try {
            Process process = builder.start();
            process.getOutputStream().close(); // a scanner reads nothing
            return process;
        } catch (IOException e) {
            throw failed("cannot be started: " + e.getMessage());
        }
    }

    private String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw failed("printed bytes that are not UTF-8");
        }
    }

    private static String stderr(Capped err) {
        String text = new String(err.tail(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private ScannerFailed failed(String why) {
        return new ScannerFailed("scanner '" + scanner.name() + "' " + why);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** A stream read to its end: the bytes up to a cap (the process is killed past it), and the last few kept. */
    private static final class Capped {
        private final long cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final byte[] tail = new byte[STDERR_KEPT];
        private long total;
        private volatile boolean overflowed;

        Capped(long cap) {
            this.cap = cap;
        }

        void drain(InputStream in, Process process) {
            byte[] buffer = new byte[8_192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            tail[(int) ((total + i) % tail.length)] = buffer[i];
                        }
                        if (cap != Long.MAX_VALUE) {
                            if (total + n > cap) {
                                overflowed = true;
                                kill(process);
                                return;
                            }
                            kept.write(buffer, 0, n);
                        }
                        total += n;
                    }
                }
            } catch (IOException e) {
                // the process was killed, or closed its end: what was read is what it printed
            }
        }

        boolean overflowed() {
            return overflowed;
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized byte[] tail() {
            int length = (int) Math.min(total, tail.length);
            byte[] last = new byte[length];
            for (int i = 0; i < length; i++) {
                last[i] = tail[(int) ((total - length + i) % tail.length)];
            }
            return last;
        }
    }
}
