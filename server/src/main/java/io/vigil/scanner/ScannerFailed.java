package io.vigil.scanner;

/** A scanner run that gave no result; the message is the reason a scan records and shows. */
public final class ScannerFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScannerFailed(String message) {
        super(message, null, false, false);
    }
}
