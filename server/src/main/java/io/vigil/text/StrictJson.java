package io.vigil.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The one strict JSON reader, for request bodies and import lines alike: the bytes must be UTF-8, and every
 * string in them — member names and values, at any depth — well-formed {@link Unicode}. A problem is a
 * {@link ErrorCode#MALFORMED_UNICODE} whose pointer is the string value's, or, for a member name, its
 * object's; invalid UTF-8 outside any string points at the whole document ({@code ""}).
 *
 * <p>The bytes are decoded first, strictly, so that Jackson never guesses UTF-16 or UTF-32 from the first
 * bytes; invalid UTF-8 is refused when the parser is opened, everything else as the parser reaches it.
 */
public final class StrictJson {
    private StrictJson() {}

    /**
     * A parser over {@code bytes[from, to)} that refuses any string that is not well-formed Unicode.
     *
     * @param document what the bytes are, for messages: {@code "request body"}, {@code "line"}
     * @throws InvalidRequestException if the bytes are not UTF-8
     */
    public static JsonParser parser(JsonFactory factory, byte[] bytes, int from, int to, String document) {
        Unicode.Decoded decoded = Unicode.decode(bytes, from, to);
        try {
            if (!decoded.malformed().isEmpty()) {
                throw notUtf8(factory, decoded, document);
            }
            return new Checking(factory.createParser(decoded.text()), document);
        } catch (IOException e) {
            throw new UncheckedIOException("parsing a string cannot fail to read", e);
        }
    }

    /** The error for the first ill-formed byte sequence, naming the string it is in if it is in one. */
    private static InvalidRequestException notUtf8(JsonFactory factory, Unicode.Decoded decoded, String document)
            throws IOException {
        Unicode.Malformed first = decoded.malformed().get(0);
        int literal = literalAround(decoded.text(), first.charIndex());
        if (literal >= 0) {
            try (JsonParser json = factory.createParser(decoded.text())) {
                for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                    if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME)
                            && json.currentTokenLocation().getCharOffset() == literal) {
                        return refusal(json, token, document, first.problem(document));
                    }
                }
            } catch (JsonProcessingException e) {
                // the document breaks before that string: report the bytes against the document
            }
        }
        return new InvalidRequestException(
                ErrorCode.MALFORMED_UNICODE, document + " is not well-formed Unicode: " + first.problem(null), "");
    }

    /** Where the string literal around {@code index} opens (its quote), or -1 if {@code index} is in none. */
    private static int literalAround(String text, int index) {
        int open = -1;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            if (open < 0) {
                open = c == '"' ? i : -1;
            } else if (c == '\\') {
                i++;
            } else if (c == '"') {
                open = -1;
            }
        }
        return open;
    }

    /** The 400 for the string {@code json} is at: a value, or the name of a member. */
    private static InvalidRequestException refusal(JsonParser json, JsonToken token, String document, String problem) {
        JsonStreamContext context = json.getParsingContext();
        if (token == JsonToken.FIELD_NAME) {
            JsonStreamContext object = context.getParent();
            String pointer = object == null ? "" : object.pathAsPointer().toString();
            String where = pointer.isEmpty() ? "the " + document : pointer;
            return new InvalidRequestException(
                    ErrorCode.MALFORMED_UNICODE,
                    "a field name in " + where + " is not well-formed Unicode: " + problem,
                    pointer);
        }
        String pointer = context.pathAsPointer().toString();
        JsonStreamContext parent = context.getParent();
        String name = context.inRoot()
                ? document
                : context.inObject() && parent != null && parent.inRoot() ? context.getCurrentName() : pointer;
        return new InvalidRequestException(
                ErrorCode.MALFORMED_UNICODE, name + " is not well-formed Unicode: " + problem, pointer);
    }

    /** Checks each string as the parser reaches it; every way of advancing goes through {@link #nextToken}. */
    private static final class Checking extends JsonParserDelegate {
        private final String document;

        Checking(JsonParser parser, String document) {
            super(parser);
            this.document = document;
        }

        @Override
        public @Nullable JsonToken nextToken() throws IOException {
            JsonToken token = delegate.nextToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                String problem = Unicode.problem(token == JsonToken.FIELD_NAME ? delegate.currentName() : getText());
                if (problem != null) {
                    throw refusal(delegate, token, document, problem);
                }
            }
            return token;
        }

        @Override
        public @Nullable JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        @Override
        public @Nullable String nextFieldName() throws IOException {
            return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
        }

        @Override
        public @Nullable String nextTextValue() throws IOException {
            return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
        }

        @Override
        public int nextIntValue(int fallback) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : fallback;
        }

        @Override
        public long nextLongValue(long fallback) throws IOException {
            return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : fallback;
        }

        @Override
        public @Nullable Boolean nextBooleanValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.VALUE_TRUE ? Boolean.TRUE : token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken current = currentToken();
            if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
                return this;
            }
            for (int open = 1; open > 0; ) {
                JsonToken token = nextToken();
                if (token == null) {
                    break;
                }
                open += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
            }
            return this;
        }
    }
}
