package io.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The lines of an input as bytes, split at {@code \n} (a {@code \r} before it is dropped), undecoded: the
 * import decodes each line on its own, so a line that is not UTF-8 is rejected alone, with its number, and
 * never stops the import or reaches the store altered. Not thread-safe.
 */
final class ByteLines {
    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean eof;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or {@code null} at the end of the input. */
    byte @Nullable [] next() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buffer, start, i > start && buffer[i - 1] == '\r' ? i - 1 : i);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end;
            if (eof) {
                if (start == end) {
                    return null;
                }
                byte[] line = Arrays.copyOfRange(buffer, start, end);
                start = end;
                return line;
            }
            scanned -= fill();
        }
    }

    /** Reads more input, moving the unread part to the front (or growing for a long line); returns the shift. */
    private int fill() throws IOException {
        int shift = start;
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
        return shift;
    }

    /** Whether {@code line} holds nothing but spaces, tabs and carriage returns. */
    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
