package io.vigil;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Requests to a server on one loopback port, through an HTTP client or as bytes on a socket, answered as JSON. */
final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** What the server answered: its status and its body. */
    record Answer(int status, JsonNode body) {}

    private final int port;

    Wire(int port) {
        this.port = port;
    }

    /** Sends a request over HTTP/1.1; {@code headers} alternate name, value. */
    Answer send(String method, String path, byte @Nullable [] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /**
     * Sends {@code head} and {@code body} as they are over a socket, half-closing it after them if asked, and
     * reads the one response.
     */
    Answer raw(String head, String body, boolean halfClose) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(ISO_8859_1));
            out.write(body.getBytes(UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return response(socket.getInputStream());
        }
    }

    /** One response read by its Content-Length: the server may keep the connection open. */
    private static Answer response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in the response's head: " + head.toString(ISO_8859_1));
            }
            head.write(b);
        }
        String headers = head.toString(ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(headers);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return new Answer(Integer.parseInt(headers.substring(9, 12)), JSON.readTree(body));
    }
}
