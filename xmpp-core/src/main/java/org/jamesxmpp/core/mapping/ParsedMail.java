package org.jamesxmpp.core.mapping;

import java.util.List;
import java.util.Optional;

import com.google.common.collect.ImmutableList;

/**
 * What the mapping keeps of a parsed mail: headers, the text and HTML of the readable body, attachments and
 * forwarded messages ({@code message/rfc822} parts).
 */
record ParsedMail(MailHeaders headers, String text, Optional<String> html, List<Attachment> attachments,
                  List<ForwardedMail> forwarded) {
    ParsedMail {
        attachments = ImmutableList.copyOf(attachments);
        forwarded = ImmutableList.copyOf(forwarded);
    }

    record ForwardedMail(MailHeaders headers, String text) {
    }
}
