package org.jamesxmpp.core.s2s.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.XmlBuilder;

/** The {@code <stream:features>} we offer on an incoming stream, from its state. */
final class InboundFeatures {
    private InboundFeatures() {
    }

    /**
     * @param tlsSession the stream's TLS session once STARTTLS is done
     * @param saslCandidate the header's {@code from}, when it is not authenticated yet on this stream
     */
    static String of(InboundContext context, Optional<SSLSession> tlsSession, Optional<String> saslCandidate) {
        List<XmlBuilder> features = new ArrayList<>();
        boolean encrypted = tlsSession.isPresent();
        if (context.tls().isPresent() && !encrypted) {
            boolean required = context.tls().get().required();
            features.add(StreamXml.startTlsFeature(required));
            if (required) {
                return StreamXml.features(features);
            }
        }
        if (encrypted && saslCandidate.isPresent()
            && context.tls().get().peerCertificates().isTrustedFor(tlsSession.get(), saslCandidate.get())) {
            features.add(StreamXml.saslMechanismsFeature(List.of(SaslExternalStep.MECHANISM)));
        }
        features.add(StreamXml.dialbackFeature());
        if (context.settings().streamManagement()) {
            features.add(StreamXml.streamManagementFeature());
        }
        return StreamXml.features(features);
    }
}
