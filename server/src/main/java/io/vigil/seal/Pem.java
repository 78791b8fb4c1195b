package io.vigil.seal;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 7468 textual encoding: a base64 body between {@code -----BEGIN label-----} and its END line. */
final class Pem {
    private Pem() {}

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The body of the first block labelled {@code label}; throws if there is none. */
    static byte[] decode(String pem, String label) {
        Matcher m = Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]*)-----END " + label + "-----")
                .matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(m.group(1));
    }
}
