// What a Vigil server answers to a request with many header fields, and how long it takes: the figures of
// docs/reliability.md ("Header fields"). For each count it opens a new connection, writes one
// `GET /client/v4/accounts/<32 a>/security-center/insights` whose header section has exactly that many field
// lines (Host, then X-Filler-0…, then Connection: close), and reads until the server closes the connection.
// The time is from the first byte written to the last byte read; the answer is the status line, or
// "closed, no answer" when the server closed the connection without a byte. No credential is needed: the
// header limits are checked before routing and authentication.
//
//   ./vigil serve --port 18431 --data-dir "$(mktemp -d)" &
//   java bench/headers/HeaderFields.java 18431 [ROUNDS [COUNT...]]   # ROUNDS per count, default 21
//
// Counts: 100 (at the limit), 101, 201, 1,000, 5,000, 7,950 and 8,000 (either side of the JDK server's own
// cap of 380 KiB of header lines, as it counts them: each line plus 33), and 20,000.

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class HeaderFields {
    private static final int[] COUNTS = {100, 101, 201, 1_000, 5_000, 7_950, 8_000, 20_000};

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        System.out.printf("%8s  %10s  %-28s  %10s  %10s%n", "fields", "header B", "answer", "median ms", "max ms");
        int[] counts = args.length > 2
                ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : COUNTS;
        for (int fields : counts) {
            byte[] request = request(fields);
            List<Double> millis = new ArrayList<>();
            String answer = "";
            for (int i = 0; i < rounds; i++) {
                long started = System.nanoTime();
                answer = send(port, request);
                millis.add((System.nanoTime() - started) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf(
                    "%8d  %10d  %-28s  %10.2f  %10.2f%n",
                    fields, request.length, answer, millis.get(millis.size() / 2), millis.get(millis.size() - 1));
        }
    }

    private static byte[] request(int fields) {
        StringBuilder head = new StringBuilder("GET /client/v4/accounts/" + "a".repeat(32)
                + "/security-center/insights HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < fields - 2; i++) {
            head.append("X-Filler-").append(i).append(": v\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The status line and error code of the answer, or "closed, no answer". */
    private static String send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may close before reading everything: read what it answered
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                InputStream in = socket.getInputStream();
                in.transferTo(answer);
            } catch (IOException e) {
                // a reset after an early close: keep what arrived
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return "closed, no answer";
            }
            String status = text.substring(0, text.indexOf('\r')).strip();
            int code = text.indexOf("\"code\":");
            return code < 0 ? status : status + " code " + text.substring(code + 7, text.indexOf(',', code));
        }
    }
}
