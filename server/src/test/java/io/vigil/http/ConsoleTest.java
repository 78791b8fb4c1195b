package io.vigil.http;

import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The web console's files: content types, security headers, methods, and no way out of the console folder. */
class ConsoleTest {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void root_isThePage_withStrictSecurityHeaders() {
        Reply page = server.sendToRoot("GET", "/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.header("Content-Security-Policy")).contains(CSP);
        assertThat(page.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.header("Cache-Control")).contains("no-cache");
        assertThat(page.header("X-Frame-Options")).contains("DENY");
        assertThat(page.header("Set-Cookie")).isEmpty();
        assertThat(page.header("cf-ray")).isPresent();
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
    }

    @Test
    void page_hasNoInlineScriptOrStyle() {
        String html = server.sendToRoot("GET", "/").body();

        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group()).contains(" src=\"/console/");
        }
        assertThat(html).doesNotContain("<style").doesNotContain(" style=").doesNotContain(" onclick=");
    }

    /** Every module the page loads, and every module those import, is served as JavaScript. */
    @Test
    void everyImportedModule_isServedAsJavascript() {
        java.util.Deque<String> pending = new java.util.ArrayDeque<>(java.util.List.of("app.js"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        Pattern imports = Pattern.compile("(?:from|import)\\s+'\\./([a-z0-9-]+\\.js)'");
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Reply module = server.sendToRoot("GET", "/console/" + name);
            assertThat(module.status()).as(name).isEqualTo(200);
            assertThat(module.header("Content-Type")).as(name).contains("text/javascript; charset=utf-8");
            Matcher found = imports.matcher(module.body());
            while (found.find()) {
                pending.push(found.group(1));
            }
        }
        assertThat(seen).contains("app.js");
    }

    @Test
    void stylesheet_isServedAsCss() {
        Reply css = server.sendToRoot("GET", "/console/console.css");

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).contains("text/css; charset=utf-8");
        assertThat(css.header("Content-Security-Policy")).contains(CSP);
    }

    @Test
    void head_answersHeadersWithoutBody() {
        Reply head = server.sendToRoot("HEAD", "/console/app.js");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).contains("text/javascript; charset=utf-8");
    }

    @Test
    void etag_sentBack_isNotModified() {
        String etag = server.sendToRoot("GET", "/console/app.js").header("ETag").orElseThrow();

        Reply again = server.sendToRoot("GET", "/console/app.js", "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void writeMethods_areNotAllowed(String method) {
        Reply reply = server.sendToRoot(method, "/console/app.js");

        assertThat(reply).failsWith(405, 7001, "Method " + method + " not allowed; this route takes GET, HEAD");
        assertThat(reply.header("Allow")).contains("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console/",
                "/console/nope.js",
                "/console/app.js/",
                "/console/APP.JS",
                "/console/app.exe",
                "/console/logback.xml",
                "/console/ConsoleAssets.class",
                "/console/.hidden.js",
                "/console/sub/app.js",
                "/index.html",
                "/favicon.ico"
            })
    void unknownFiles_areNotFound(String path) {
        assertThat(server.sendToRoot("GET", path)).failsWith(404, 7000, "No route for that URI");
    }

    /** Sent byte for byte on a socket, since HTTP clients normalise dot segments away. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console/../logback.xml",
                "/console/../../logback.xml",
                "/console/..%2flogback.xml",
                "/console/%2e%2e/%2e%2e/logback.xml",
                "/console/..%2f..%2fio%2fvigil%2fMain.class",
                "/console/..\\..\\logback.xml",
                "/console/%2e%2e%5clogback.xml",
                "/console//etc/passwd",
                "/console/app.js%00.css",
                "/console/../io/vigil/store/migrations/sqlite/V1__init.sql"
            })
    void traversal_neverLeavesTheConsoleFolder(String rawPath) throws IOException {
        String response = rawGet(rawPath);

        // 404 from the console, or 400 from the JDK's server for a request line it will not parse.
        assertThat(response).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain("<configuration");
    }

    @Test
    void apiAndHealth_areUnchanged() {
        assertThat(server.sendToRoot("GET", "/livez").status()).isEqualTo(200);
        assertThat(server.sendToRoot("GET", "/client/v4/accounts"))
                .failsWith(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        assertThat(server.sendToRoot("GET", "/client/v4")).failsWith(404, 7000, "No route for that URI");
    }

    /** The browser suite tells the console's requests from the API's by this log; its format is pinned here. */
    @Test
    void accessLog_namesTheKindOfEveryRequest() {
        Logger access = (Logger) LoggerFactory.getLogger("io.vigil.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = access.getLevel();
        access.addAppender(lines);
        access.setLevel(Level.INFO);
        try {
            server.sendToRoot("GET", "/");
            server.sendToRoot("HEAD", "/console/app.js");
            server.sendToRoot("GET", "/client/v4/accounts?per_page=5");
            server.sendToRoot("GET", "/livez");
            server.sendToRoot("GET", "/favicon.ico");
        } finally {
            access.detachAppender(lines);
            access.setLevel(before);
        }

        assertThat(lines.list)
                .extracting(event -> event.getFormattedMessage().replaceAll(" \\S+-VGL \\S+ms$", " <ray>"))
                .containsExactly(
                        "console GET / 200 <ray>",
                        "console HEAD /console/app.js 200 <ray>",
                        "api GET /client/v4/accounts 401 <ray>",
                        "health GET /livez 200 <ray>",
                        "other GET /favicon.ico 404 <ray>");
    }

    private static String rawGet(String rawPath) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
