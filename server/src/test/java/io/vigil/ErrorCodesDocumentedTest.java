package io.vigil;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/errors.md lists every code Vigil can answer with, with its HTTP status. */
class ErrorCodesDocumentedTest {
    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void errorsDoc_listsEveryCodeWithItsStatus(ErrorCode code) throws IOException {
        String doc = Files.readString(Path.of("../docs/errors.md"));
        assertThat(doc).containsPattern("\\| " + code.code() + " \\| " + code.status() + " \\|");
    }
}
