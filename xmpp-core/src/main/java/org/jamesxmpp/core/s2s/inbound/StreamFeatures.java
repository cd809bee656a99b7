package org.jamesxmpp.core.s2s.inbound;

import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.jamesxmpp.core.s2s.codec.StreamXml;

/** The {@code <stream:features>} we offer on an incoming stream, from its state. */
final class StreamFeatures {
    private StreamFeatures() {
    }

    /**
     * @param tlsSession the stream's TLS session once STARTTLS is done
     * @param saslCandidate the header's {@code from}, when it is not authenticated yet on this stream
     */
    static String of(InboundContext context, Optional<SSLSession> tlsSession, Optional<String> saslCandidate) {
        StringBuilder features = new StringBuilder("<stream:features>");
        boolean encrypted = tlsSession.isPresent();
        if (context.tls().isPresent() && !encrypted) {
            features.append("<starttls xmlns='").append(StreamXml.TLS_NAMESPACE).append("'>")
                .append(context.tls().get().required() ? "<required/>" : "").append("</starttls>");
            if (context.tls().get().required()) {
                return features.append("</stream:features>").toString();
            }
        }
        if (encrypted && saslCandidate.isPresent()
            && context.tls().get().peerCertificates().isTrustedFor(tlsSession.get(), saslCandidate.get())) {
            features.append("<mechanisms xmlns='").append(StreamXml.SASL_NAMESPACE)
                .append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
        }
        features.append("<dialback xmlns='").append(StreamXml.DIALBACK_FEATURE_NAMESPACE).append("'><errors/></dialback>");
        if (context.settings().streamManagement()) {
            features.append("<sm xmlns='").append(StreamXml.SM_NAMESPACE).append("'/>");
        }
        return features.append("</stream:features>").toString();
    }
}
