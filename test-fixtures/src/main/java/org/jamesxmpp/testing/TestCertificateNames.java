package org.jamesxmpp.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * What a {@link TestPki} certificate names and when it is valid: a subject common name and subject alternative names
 * of the kinds XMPP uses (DNS-ID, SRV-ID id-on-dnsSRV RFC 4985, XmppAddr id-on-xmppAddr RFC 6120 13.7.1.4).
 * Immutable: each method returns a new value.
 */
public final class TestCertificateNames {
    public static final String ID_ON_XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    public static final String ID_ON_DNS_SRV = "1.3.6.1.5.5.7.8.7";

    private final Optional<String> commonName;
    private final List<GeneralName> alternativeNames;
    private final Duration validFromAgo;
    private final Duration validFor;

    private TestCertificateNames(Optional<String> commonName, List<GeneralName> alternativeNames, Duration validFromAgo,
                                 Duration validFor) {
        this.commonName = commonName;
        this.alternativeNames = List.copyOf(alternativeNames);
        this.validFromAgo = validFromAgo;
        this.validFor = validFor;
    }

    /** No name at all (subject {@code O=james-xmpp tests}), valid from an hour ago for two days. */
    public static TestCertificateNames none() {
        return new TestCertificateNames(Optional.empty(), List.of(), Duration.ofHours(1), Duration.ofDays(2));
    }

    /** What {@link TestPki#issue(String)} gives: CN and DNS-ID {@code domain}. */
    public static TestCertificateNames dnsAndCommonName(String domain) {
        return none().commonName(domain).dnsName(domain);
    }

    public TestCertificateNames commonName(String name) {
        return new TestCertificateNames(Optional.of(name), alternativeNames, validFromAgo, validFor);
    }

    public TestCertificateNames dnsName(String name) {
        return with(new GeneralName(GeneralName.dNSName, name));
    }

    /** SRV-ID {@code service.domain}, e.g. {@code _xmpp-server.a.test}. */
    public TestCertificateNames srvName(String service, String domain) {
        return with(otherName(ID_ON_DNS_SRV, new DERIA5String(service + "." + domain)));
    }

    public TestCertificateNames xmppAddr(String jid) {
        return with(otherName(ID_ON_XMPP_ADDR, new DERUTF8String(jid)));
    }

    /** Valid from three days ago until yesterday. */
    public TestCertificateNames expired() {
        return new TestCertificateNames(commonName, alternativeNames, Duration.ofDays(3), Duration.ofDays(2));
    }

    Optional<String> commonName() {
        return commonName;
    }

    Optional<GeneralNames> alternativeNames() {
        return alternativeNames.isEmpty() ? Optional.empty()
            : Optional.of(new GeneralNames(alternativeNames.toArray(GeneralName[]::new)));
    }

    Instant notBefore(Instant now) {
        return now.minus(validFromAgo);
    }

    Instant notAfter(Instant now) {
        return now.minus(validFromAgo).plus(validFor);
    }

    private TestCertificateNames with(GeneralName name) {
        List<GeneralName> names = new ArrayList<>(alternativeNames);
        names.add(name);
        return new TestCertificateNames(commonName, names, validFromAgo, validFor);
    }

    private static GeneralName otherName(String oid, ASN1Encodable value) {
        return new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
            new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, value)}));
    }
}
