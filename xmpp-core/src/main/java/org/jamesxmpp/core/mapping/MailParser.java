package org.jamesxmpp.core.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * One pass over a mail with mime4j's pull parser: no DOM, bodies decoded once.
 */
final class MailParser {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final class Frame {
        private final boolean message;
        private final List<Field> fields = new ArrayList<>();
        private String multipartSubtype = "";
        private boolean tookText;
        private boolean tookHtml;

        private Frame(boolean message) {
            this.message = message;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<ParsedMail.ForwardedMail> forwarded = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder forwardedText = new StringBuilder();
    private Optional<String> html = Optional.empty();
    private MailHeaders headers;
    private MailHeaders forwardedHeaders;
    private int messageDepth;

    private final MimeLimits limits;

    private MailParser(MimeLimits limits) {
        this.limits = limits;
    }

    static ParsedMail parse(byte[] mime, MimeLimits limits) throws MappingException {
        return new MailParser(limits).run(mime);
    }

    private ParsedMail run(byte[] mime) throws MappingException {
        MimeTokenStream stream = new MimeTokenStream(new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(limits.maxHeaderCount())
            .setMaxHeaderLen(limits.maxHeaderLength())
            .setMaxContentLen(-1)
            .setStrictParsing(false)
            .build());
        stream.parse(new ByteArrayInputStream(HeaderBlock.withBodySeparated(mime)));
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                handle(stream, state);
            }
        } catch (MimeException | IOException | RuntimeException e) {
            throw new MappingException(MappingException.Reason.MALFORMED_MIME, "unparsable mail: " + e.getMessage(), e);
        }
        if (headers == null) {
            throw new MappingException(MappingException.Reason.MALFORMED_MIME, "no header section");
        }
        return new ParsedMail(headers, text.toString(), html, attachments, forwarded);
    }

    private void handle(MimeTokenStream stream, EntityState state) throws MappingException, IOException {
        switch (state) {
            case T_START_MESSAGE:
                messageDepth++;
                push(true);
                break;
            case T_START_BODYPART:
                push(false);
                break;
            case T_FIELD:
                frames.peek().fields.add(stream.getField());
                break;
            case T_END_HEADER:
                endHeader();
                break;
            case T_START_MULTIPART:
                frames.peek().multipartSubtype = stream.getBodyDescriptor().getSubType().toLowerCase(Locale.ROOT);
                break;
            case T_BODY:
                body(stream.getBodyDescriptor(), stream.getDecodedInputStream().readAllBytes());
                break;
            case T_END_MESSAGE:
                endMessage();
                frames.pop();
                break;
            case T_END_BODYPART:
                frames.pop();
                break;
            default:
                break;
        }
    }

    private void push(boolean message) throws MappingException {
        if (frames.size() >= limits.maxNesting()) {
            throw new MappingException(MappingException.Reason.MALFORMED_MIME, "MIME nested deeper than " + limits.maxNesting());
        }
        frames.push(new Frame(message));
    }

    private void endHeader() {
        Frame frame = frames.peek();
        if (!frame.message) {
            return;
        }
        if (messageDepth == 1) {
            headers = MailHeaders.of(frame.fields);
        } else if (messageDepth == 2) {
            forwardedHeaders = MailHeaders.of(frame.fields);
            forwardedText.setLength(0);
        }
    }

    private void endMessage() {
        if (messageDepth == 2 && forwardedHeaders != null) {
            forwarded.add(new ParsedMail.ForwardedMail(forwardedHeaders, forwardedText.toString()));
            forwardedHeaders = null;
        }
        messageDepth--;
    }

    private void body(BodyDescriptor descriptor, byte[] content) {
        String mimeType = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        List<Field> partFields = frames.peek().fields;
        Optional<MimeParameters.ParsedField> disposition = field(partFields, "Content-Disposition").map(MimeParameters::parse);
        boolean attachmentDisposition = disposition.map(value -> value.value().equals("attachment")).orElse(false);
        Frame parent = parentMultipart();
        boolean inAlternative = parent != null && parent.multipartSubtype.equals("alternative");
        if (!attachmentDisposition && mimeType.equals("text/plain")) {
            if (inAlternative && parent.tookText) {
                return;
            }
            if (parent != null) {
                parent.tookText = true;
            }
            appendText(messageDepth >= 2 ? forwardedText : text, decodeText(content, descriptor.getCharset()));
            return;
        }
        if (!attachmentDisposition && mimeType.equals("text/html") && messageDepth == 1 && html.isEmpty()) {
            if (parent != null) {
                parent.tookHtml = true;
            }
            html = Optional.of(decodeText(content, descriptor.getCharset()));
            return;
        }
        if (inAlternative && (parent.tookText || parent.tookHtml)) {
            return;
        }
        if (messageDepth >= 2) {
            return;
        }
        attachments.add(new Attachment(fileName(partFields, disposition), mimeType, contentId(partFields), content));
    }

    private Frame parentMultipart() {
        for (Frame frame : frames) {
            if (!frame.multipartSubtype.isEmpty()) {
                return frame;
            }
        }
        return null;
    }

    private static Optional<Field> field(List<Field> fields, String name) {
        for (Field field : fields) {
            if (field.getName().equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fileName(List<Field> fields, Optional<MimeParameters.ParsedField> disposition) {
        Optional<String> name = disposition.flatMap(value -> MimeParameters.get(value.parameters(), "filename"))
            .or(() -> field(fields, "Content-Type").map(MimeParameters::parse).flatMap(value -> MimeParameters.get(value.parameters(), "name")))
            .filter(value -> !value.isEmpty());
        return name.map(value -> value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1));
    }

    private static Optional<String> contentId(List<Field> fields) {
        return field(fields, "Content-ID")
            .map(value -> Texts.singleLine(value.getBody(), 250))
            .map(value -> value.replaceAll("^<|>$", ""))
            .filter(value -> !value.isEmpty());
    }

    private static void appendText(StringBuilder target, String value) {
        if (target.length() > 0 && !value.isEmpty()) {
            target.append("\n\n");
        }
        target.append(value);
    }

    static String decodeText(byte[] content, String charsetName) {
        Charset declared = Optional.ofNullable(charsetName).map(CharsetUtil::lookup).orElse(null);
        if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
            byte[] lines = lfLineEnds(content);
            return Texts.xmlSafe(strictUtf8(lines).orElseGet(() -> new String(lines, WINDOWS_1252)));
        }
        if (isAsciiCompatible(declared)) {
            return Texts.xmlSafe(new String(lfLineEnds(content), declared));
        }
        return Texts.normalizedText(new String(content, declared));
    }

    private static boolean isAsciiCompatible(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.equals("utf-8") || name.startsWith("iso-8859-") || name.startsWith("windows-125");
    }

    /** CRLF and lone CR to LF on the bytes: for ASCII-compatible charsets, cheaper than on decoded text. */
    static byte[] lfLineEnds(byte[] content) {
        int firstCr = -1;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r') {
                firstCr = i;
                break;
            }
        }
        if (firstCr < 0) {
            return content;
        }
        byte[] out = new byte[content.length];
        System.arraycopy(content, 0, out, 0, firstCr);
        int written = firstCr;
        int i = firstCr;
        while (i < content.length) {
            out[written++] = '\n';
            i += i + 1 < content.length && content[i + 1] == '\n' ? 2 : 1;
            int lineStart = i;
            while (i < content.length && content[i] != '\r') {
                i++;
            }
            System.arraycopy(content, lineStart, out, written, i - lineStart);
            written += i - lineStart;
        }
        return written == out.length ? out : Arrays.copyOf(out, written);
    }

    static Optional<String> strictUtf8(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content))
                .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
