package org.jamesxmpp.listener.attachments;

import java.io.IOException;
import java.io.OutputStream;

/** The bytes of a stored attachment, read when it is downloaded. */
@FunctionalInterface
public interface AttachmentContent {
    /** Writes {@code length} bytes from offset {@code first} to {@code out}. */
    void copy(long first, long length, OutputStream out) throws IOException;
}
