package dev.momo.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encoding of path segments after RFC 3986, section 2.1, with UTF-8 for characters outside ASCII.
 * Unlike {@link java.net.URLDecoder}, which decodes form data, a {@code '+'} stays a plus sign, and an
 * encoded slash ({@code %2F}) stays inside its segment, so a model id such as {@code fraud/eu} travels as one
 * segment {@code fraud%2Feu}.
 */
final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Splits a raw path such as {@code /api/models/a%2Fb/alerts} at its slashes and decodes each segment. A
     * trailing slash is ignored.
     *
     * @throws ApiException 400 if a segment has an invalid percent-escape or is not valid UTF-8
     */
    static List<String> split(final String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        final List<String> segments = new ArrayList<>();
        if (path.isEmpty()) {
            return segments;
        }
        for (final String raw : path.split("/", -1)) {
            segments.add(decode(raw));
        }
        return segments;
    }

    /** Decodes one percent-encoded segment. */
    static String decode(final String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            final char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            final int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            final int low = high >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (low < 0) {
                throw ApiException.badRequest("invalid percent-escape in path segment '" + raw + "' at position " + i
                        + "; write '%' as %25");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("path segment '" + raw + "' is not valid UTF-8 after percent-decoding;"
                    + " encode the text as UTF-8 before percent-encoding it");
        }
    }

    /** Encodes a value as one path segment: every byte outside RFC 3986's unreserved set becomes %XX. */
    static String encode(final String value) {
        final StringBuilder encoded = new StringBuilder(value.length() + 8);
        for (final byte b : value.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xFF;
            if (isUnreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    private static boolean isUnreserved(final int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
