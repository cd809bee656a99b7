package org.jamesxmpp.listener.attachments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Pattern;

import org.jamesxmpp.core.mapping.Attachment;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;

/**
 * What every {@link AttachmentStore} writes beside the bytes: capability tokens (32 random bytes, base64url, 43
 * characters), the digest that finds the same file again, and the description of a file (name, type, size, expiry)
 * as a properties text.
 */
final class AttachmentRecords {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Description(String fileName, String contentType, long size, Instant expires) {
    }

    private AttachmentRecords() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isToken(String candidate) {
        return TOKEN.matcher(candidate).matches();
    }

    /** SHA-256 of name, type and bytes: the same file is the same attachment only with the same name and type. */
    static String digest(Attachment attachment) {
        Hasher hasher = Hashing.sha256().newHasher();
        for (String part : new String[] {attachment.displayName(), attachment.contentType()}) {
            hasher.putInt(part.length()).putString(part, StandardCharsets.UTF_8);
        }
        return hasher.putBytes(attachment.content()).hash().toString();
    }

    static byte[] describe(Attachment attachment, Instant expires) {
        Properties meta = new Properties();
        meta.setProperty("name", attachment.displayName());
        meta.setProperty("type", attachment.contentType());
        meta.setProperty("size", Long.toString(attachment.size()));
        meta.setProperty("expires", expires.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            meta.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the text is not a description this class wrote */
    static Description read(byte[] description) {
        Properties meta = new Properties();
        try {
            meta.load(new StringReader(new String(description, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = meta.getProperty("name");
        String type = meta.getProperty("type");
        String size = meta.getProperty("size");
        String expires = meta.getProperty("expires");
        if (name == null || type == null || size == null || expires == null) {
            throw new IllegalArgumentException("an attachment description lacks name, type, size or expires");
        }
        return new Description(name, type, Long.parseLong(size), Instant.parse(expires));
    }
}
