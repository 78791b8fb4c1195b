package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The import's line splitter agrees with splitting at {@code \n} however the input arrives. */
class ByteLinesTest {

    @Property(tries = 1000)
    void next_anyBytesInAnyChunks_areTheLinesBetweenNewlines(@ForAll("text") byte[] input, @ForAll("chunks") int chunk)
            throws IOException {
        assertThat(read(trickle(input, chunk))).containsExactlyElementsOf(expected(input));
    }

    @Example
    void next_aLineLongerThanTheBuffer_isReadWhole() throws IOException {
        byte[] longLine = new byte[200_000];
        Arrays.fill(longLine, (byte) 'x');
        byte[] input = new byte[longLine.length * 2 + 3];
        System.arraycopy(longLine, 0, input, 0, longLine.length);
        input[longLine.length] = '\r';
        input[longLine.length + 1] = '\n';
        System.arraycopy(longLine, 0, input, longLine.length + 2, longLine.length);
        input[input.length - 1] = '\n';
        assertThat(read(new ByteArrayInputStream(input))).containsExactly(longLine, longLine);
    }

    private static List<byte[]> read(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        List<byte[]> out = new ArrayList<>();
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            out.add(line);
        }
        return out;
    }

    /** The reference: split at {@code \n}, drop one {@code \r} before it, no empty last line after a final {@code \n}. */
    private static List<byte[]> expected(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n') {
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(input, start, end));
                start = i + 1;
            }
        }
        if (start < input.length) {
            lines.add(Arrays.copyOfRange(input, start, input.length));
        }
        return lines;
    }

    /** An input that hands out at most {@code chunk} bytes per read. */
    private static InputStream trickle(byte[] input, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Provide
    Arbitrary<byte[]> text() {
        return Arbitraries.of((byte) '\n', (byte) '\r', (byte) 'a', (byte) 0xC3, (byte) ' ')
                .list()
                .ofMaxSize(200)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.integers().between(1, 7);
    }
}
