package io.vigil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The table of docs/errors.md, read as its example messages. */
final class ErrorsTable {
    private ErrorsTable() {}

    /** One example message of a row of the table. */
    record Example(int code, int status, boolean inErrorChain, String text) {
        /** The example as a regular expression: {@code …} is any text, the rest is literal. */
        Pattern pattern() {
            return Pattern.compile(
                    Arrays.stream(text.split("…", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
        }

        String name() {
            return code + ": " + text;
        }
    }

    /** Every example of the table: each backquoted text in a row's last column. */
    static List<Example> examples() {
        String doc;
        try {
            doc = Files.readString(Path.of("../docs/errors.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+) \\| (\\d{3}) \\| (.*) \\| (.*) \\|$")
                .matcher(doc);
        while (row.find()) {
            boolean inChain = row.group(3).startsWith("(in `error_chain`)");
            Matcher example = Pattern.compile("`([^`]+)`").matcher(row.group(4));
            while (example.find()) {
                examples.add(new Example(
                        Integer.parseInt(row.group(1)), Integer.parseInt(row.group(2)), inChain, example.group(1)));
            }
        }
        return examples;
    }
}
