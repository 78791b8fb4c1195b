package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: which receiver URLs a delivery may reach, checked after resolution. */
class TargetsTest {
    /** Names as a hostile DNS would answer them: a public-looking name for an internal address. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.215.14",
            "sneaky.example.com", "10.0.0.7",
            "metadata.example.com", "169.254.169.254",
            "v6meta.example.com", "fd00:ec2::254",
            "mapped.example.com", "::ffff:127.0.0.1",
            "cgnat.example.com", "100.64.1.1",
            "public6.example.com", "2606:4700::6810:84e5");

    private static InetAddress resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            if (host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return InetAddress.getByName(host); // a literal: no lookup
            }
            throw new UnknownHostException(host);
        }
        return InetAddress.getByName(address);
    }

    private static final Targets STRICT = new Targets(false, host -> List.of(resolve(host)));
    private static final Targets OPEN = new Targets(true, host -> List.of(resolve(host)));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/vigil",
                "https://public6.example.com:8443/in?x=1",
                "https://[2606:4700::6810:84e5]/hook"
            })
    void publicHttpsTargets_areAccepted(String url) {
        assertThat(STRICT.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://[::1]/hook",
                "https://sneaky.example.com/hook",
                "https://metadata.example.com/latest/meta-data",
                "https://169.254.169.254/latest/meta-data",
                "https://v6meta.example.com/",
                "https://mapped.example.com/",
                "https://cgnat.example.com/",
                "https://0.0.0.0/",
                "https://192.168.1.10/",
                "https://172.16.0.1/"
            })
    void internalAddresses_areRefused_evenBehindAPublicName(String url) {
        assertThatThrownBy(() -> STRICT.check(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a public address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/hook",
                "ftp://hooks.example.com/hook",
                "https://user:pw@hooks.example.com/hook",
                "https:///nohost",
                "https://nowhere.example.com/hook",
                "not a url"
            })
    void malformedOrPlainTargets_areRefusedWithAReason(String url) {
        assertThatThrownBy(() -> STRICT.check(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching(".*(https URL|user info|name a host|does not resolve|not a URL).*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://sneaky.example.com/hook"})
    void anOperatorMayAllowPrivateTargets(String url) {
        assertThat(OPEN.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.1/", "https://a_b.example.com:8443/hook"})
    void aHostJavaCannotReadAsOne_isNamed(String url) {
        assertThatThrownBy(() -> OPEN.check(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the target's host '" + url.replaceAll("^https://|[:/].*$", "") + "'")
                .hasMessageContaining("written in full");
    }
}
